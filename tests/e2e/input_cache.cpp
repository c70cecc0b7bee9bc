#include "input_cache.hpp"

#include <unistd.h>

#include <cstdint>
#include <random>
#include <stdexcept>

namespace sb::e2e {

namespace fs = std::filesystem;

std::string stable_hash(const std::string &text) {
    std::uint64_t h = 1469598103934665603ull;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 15];
    return out;
}

fs::path cached(const std::string &key, const std::string &suffix, const std::function<void(const fs::path &)> &make) {
    const fs::path dir = SB_E2E_CACHE_DIR;
    const bool folder = suffix.empty() || suffix == "/";
    const fs::path entry = dir / (key + (folder ? "" : suffix));
    std::error_code ec;
    if (fs::exists(entry, ec)) return entry;
    fs::create_directories(dir);
    // Unique per process: a parallel test making the same entry does not collide.
    const fs::path temp = dir / (".making-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()) + "-" +
                                 key + (folder ? "" : suffix));
    try {
        make(temp);
    } catch (...) {
        fs::remove_all(temp, ec);
        throw;
    }
    fs::rename(temp, entry, ec);
    if (ec) { // a folder another process put in place first: use theirs
        fs::remove_all(temp, ec);
        if (!fs::exists(entry)) throw std::runtime_error("cannot add " + entry.string() + " to the input cache");
    }
    return entry;
}

void copy_from_cache(const fs::path &entry, const fs::path &to) {
    if (to.has_parent_path()) fs::create_directories(to.parent_path());
    if (fs::is_directory(entry)) fs::copy(entry, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    else fs::copy_file(entry, to, fs::copy_options::overwrite_existing);
}

} // namespace sb::e2e
