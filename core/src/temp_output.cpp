#include <sb/core/temp_output.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <signal.h>
#include <stdexcept>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace sb::core {

namespace fs = std::filesystem;

namespace {

constexpr const char *kMarker = ".sb-partial-";

std::string os_error(int err) { return std::strerror(err); }

// NAME_MAX of the usual file systems: a final name may use all of it, and its
// temporary name must still fit.
constexpr std::size_t kNameMax = 255;

// ".<stem>.sb-partial-" — every temporary name for one final path starts so.
// A long stem is shortened (not inside a UTF-8 sequence) to leave room for the
// pid (up to 20 digits), "-", 8 random hex digits and the extension.
std::string temp_prefix(const fs::path &final_path) {
    std::string stem = final_path.stem().string();
    const std::size_t fixed = 1 + std::strlen(kMarker) + 20 + 1 + 8 + final_path.extension().string().size();
    const std::size_t room = kNameMax > fixed ? kNameMax - fixed : 0;
    if (stem.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
        stem.resize(cut);
    }
    return "." + stem + kMarker;
}

// Rename that refuses to replace an existing file where the file system allows it.
int rename_no_replace(const fs::path &from, const fs::path &to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return errno;
    // File systems without RENAME_NOREPLACE: link() also refuses an existing target.
    if (::link(from.c_str(), to.c_str()) == 0) {
        ::unlink(from.c_str());
        return 0;
    }
    if (errno == EEXIST) return errno;
    if (::access(to.c_str(), F_OK) == 0) return EEXIST;
    return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

} // namespace

TempOutput::TempOutput(fs::path final_path) : final_(std::move(final_path)) {
    std::error_code ec;
    fs::create_directories(final_.parent_path(), ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create folder {}: {}", final_.parent_path().string(), ec.message()));

    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto name = fmt::format("{}{}-{:08x}{}", temp_prefix(final_), ::getpid(), rd(), final_.extension().string());
        const fs::path candidate = final_.parent_path() / name;
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            temp_ = candidate;
            return;
        }
        if (errno != EEXIST)
            throw std::runtime_error(fmt::format("cannot create a file in {}: {}", final_.parent_path().string(), os_error(errno)));
    }
    throw std::runtime_error(fmt::format("cannot create a temporary file in {}", final_.parent_path().string()));
}

TempOutput::~TempOutput() {
    if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

namespace {

// The data reaches the disk before the name does: without it a crash right after
// the rename can leave an empty file at the final path (and, with --overwrite,
// the user's old file gone). Delayed allocation also reports a full disk here.
int flush_to_disk(const fs::path &file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    const int err = ::fdatasync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return err;
}

// Makes the rename itself durable; a folder that cannot be synced is no reason
// to fail a finished conversion.
void flush_folder(const fs::path &folder) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

} // namespace

void TempOutput::commit(bool replace_existing) {
    if (const int err = flush_to_disk(temp_); err != 0)
        throw std::runtime_error(fmt::format("cannot write the finished file to disk: {}", os_error(err)));
    const int err = replace_existing ? (::rename(temp_.c_str(), final_.c_str()) == 0 ? 0 : errno)
                                     : rename_no_replace(temp_, final_);
    if (err == EEXIST)
        throw std::runtime_error(fmt::format("output {} appeared while converting; not replacing it", final_.string()));
    if (err != 0) throw std::runtime_error(fmt::format("cannot move the finished file into place: {}", os_error(err)));
    committed_ = true;
    flush_folder(final_.parent_path());
}

bool is_temp_output_name(const std::string &filename) {
    return !filename.empty() && filename[0] == '.' && filename.find(kMarker) != std::string::npos;
}

std::vector<fs::path> remove_stale_temp_outputs(const fs::path &final_path) {
    std::vector<fs::path> removed;
    const std::string prefix = temp_prefix(final_path);
    const std::string ext = final_path.extension().string();
    std::error_code ec;
    for (fs::directory_iterator it(final_path.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() < prefix.size() + ext.size()) continue;
        if (name.compare(name.size() - ext.size(), ext.size(), ext) != 0) continue;
        // ".<stem>.sb-partial-<pid>-<hex><ext>": leave files of live processes alone.
        const std::string rest = name.substr(prefix.size());
        const long pid = std::strtol(rest.c_str(), nullptr, 10);
        if (pid <= 0) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) continue;
        std::error_code rm;
        if (fs::remove(it->path(), rm)) removed.push_back(it->path());
    }
    return removed;
}

} // namespace sb::core
