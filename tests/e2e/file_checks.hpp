// What a test checks about files on disk: contents unchanged (checksums), what a
// folder holds, and leftovers a batch must never leave (temporary, hidden,
// empty files).
#ifndef SB_E2E_FILE_CHECKS_HPP
#define SB_E2E_FILE_CHECKS_HPP

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sb::e2e {

std::string sha256_of(const std::filesystem::path &file); // hex; "" when unreadable

// Checksums of the given files, to compare before and after a run.
std::map<std::string, std::string> checksums(const std::vector<std::filesystem::path> &files);

// Every entry under dir (hidden ones included), relative, sorted; folders end in '/'.
std::vector<std::string> tree(const std::filesystem::path &dir);

// Files under dir that a finished batch must not leave: hidden (dot) files,
// sb's ".*.sb-partial-*" temporaries, *.tmp / *.part, and 0-byte files.
std::vector<std::string> stray_files(const std::filesystem::path &dir);

// Regular files directly in dir (hidden ones included), names sorted.
std::vector<std::string> file_names(const std::filesystem::path &dir);

void write_file(const std::filesystem::path &file, const std::string &bytes);
std::string read_file(const std::filesystem::path &file);

} // namespace sb::e2e

#endif // SB_E2E_FILE_CHECKS_HPP
