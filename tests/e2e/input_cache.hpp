// Generated inputs, made once per build tree and shared by every test process.
// CTest runs each test in its own process, and many tests need the same small
// clip: caching keeps the suite fast without making inputs any less generated.
// Entries appear by rename, so tests running in parallel never see half a file.
// Delete the cache folder (SB_E2E_CACHE_DIR) to make everything again.
#ifndef SB_E2E_INPUT_CACHE_HPP
#define SB_E2E_INPUT_CACHE_HPP

#include <filesystem>
#include <functional>
#include <string>

namespace sb::e2e {

// 64-bit FNV-1a as hex: a stable key for a description of an input.
std::string stable_hash(const std::string &text);

// The cached entry named `key` + `suffix` (a file, or a folder when suffix is
// empty or "/"), made by `make(temporary_path)` the first time.
std::filesystem::path cached(const std::string &key, const std::string &suffix,
                             const std::function<void(const std::filesystem::path &)> &make);

// Copies a cached file or folder tree to `to` (parents created).
void copy_from_cache(const std::filesystem::path &entry, const std::filesystem::path &to);

} // namespace sb::e2e

#endif // SB_E2E_INPUT_CACHE_HPP
