// Helpers shared by the core unit tests: small files, fixture plugins, bounded
// waiting (a failing test ends with a message instead of hanging).
#ifndef SB_TEST_CORE_TEST_UTIL_HPP
#define SB_TEST_CORE_TEST_UTIL_HPP

#include <sb/core/plugin_registry.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace sb::test {

void write_file(const std::filesystem::path &path, const std::string &content);
std::string read_file(const std::filesystem::path &path);

// Hidden temporary outputs (TempOutput names) anywhere below `folder`.
std::vector<std::filesystem::path> temp_outputs_below(const std::filesystem::path &folder);

// Polls `condition` every millisecond; false if it did not hold within `timeout`.
bool wait_until(const std::function<bool()> &condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// ${SB_FIXTURE_PLUGIN_DIR}/<name>: the folder of one fixture plugin ("copy", "slow", ...).
std::filesystem::path fixture_dir(const std::string &name);
// The one .so file in fixture_dir(name).
std::filesystem::path fixture_library(const std::string &name);

// A registry holding exactly one fixture plugin. Throws std::runtime_error
// (with the registry's reasons) if it was not loaded.
class FixturePlugin {
public:
    explicit FixturePlugin(const std::string &name);
    const core::LoadedConverter &converter() const { return *converter_; }

private:
    core::PluginRegistry registry_;
    const core::LoadedConverter *converter_ = nullptr;
};

// An anonymous file to hand to code that prints to a FILE*; text() reads back
// everything written so far.
class CapturedFile {
public:
    CapturedFile();
    ~CapturedFile();
    CapturedFile(const CapturedFile &) = delete;
    CapturedFile &operator=(const CapturedFile &) = delete;

    std::FILE *get() const { return file_; }
    std::string text() const;

private:
    std::FILE *file_;
};

// Lines of `text` (without their '\n').
std::vector<std::string> lines_of(const std::string &text);

} // namespace sb::test

#endif // SB_TEST_CORE_TEST_UTIL_HPP
