#include "file_checks.hpp"

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/sha.h>
}

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace sb::e2e {

namespace fs = std::filesystem;

std::string sha256_of(const fs::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::unique_ptr<AVSHA, decltype(&av_free)> sha(av_sha_alloc(), &av_free);
    if (!sha || av_sha_init(sha.get(), 256) < 0) throw std::runtime_error("av_sha_init failed");
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        av_sha_update(sha.get(), reinterpret_cast<const std::uint8_t *>(buffer), static_cast<std::size_t>(in.gcount()));
        if (!in) break;
    }
    std::uint8_t digest[32];
    av_sha_final(sha.get(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (const auto b : digest) {
        hex += kHex[b >> 4];
        hex += kHex[b & 15];
    }
    return hex;
}

std::map<std::string, std::string> checksums(const std::vector<fs::path> &files) {
    std::map<std::string, std::string> out;
    for (const auto &f : files) out[f.string()] = sha256_of(f);
    return out;
}

std::vector<std::string> tree(const fs::path &dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string rel = it->path().lexically_relative(dir).string();
        if (it->is_directory(ec) && !it->is_symlink(ec)) rel += '/';
        out.push_back(rel);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> stray_files(const fs::path &dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool hidden = !name.empty() && name[0] == '.';
        const auto ext = it->path().extension().string();
        const bool temp_ext = ext == ".tmp" || ext == ".part";
        const bool empty_file = it->is_regular_file(ec) && it->file_size(ec) == 0;
        if (hidden || temp_ext || empty_file || name.find("sb-partial") != std::string::npos)
            out.push_back(it->path().lexically_relative(dir).string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> file_names(const fs::path &dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) out.push_back(it->path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

void write_file(const fs::path &file, const std::string &bytes) {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const fs::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace sb::e2e
