// Where the built sb and its plugins are, how a test runs sb, and small helpers
// for reading what it printed.
#ifndef SB_E2E_SB_HARNESS_HPP
#define SB_E2E_SB_HARNESS_HPP

#include "run_output.hpp"
#include "subprocess.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sb::e2e {

std::filesystem::path sb_executable();     // the built bin/sb
std::filesystem::path mp4_plugin_file();   // the built mov_to_mp4.so
std::filesystem::path fixture_plugin_dir(); // tests/fixture_plugins (one folder per fixture)
// ../shared next to the source tree, when it exists (corpus cases, real media).
std::optional<std::filesystem::path> shared_dir();

// `sb args...` in cwd, with an environment that does not depend on the
// developer's shell: SB_PLUGIN_PATH and CI unset (a test sets them when it
// means to).
Command sb_command(std::vector<std::string> args, const std::filesystem::path &cwd);
Completed run_sb(std::vector<std::string> args, const std::filesystem::path &cwd,
                 milliseconds timeout = milliseconds(120'000));

} // namespace sb::e2e

#endif // SB_E2E_SB_HARNESS_HPP
