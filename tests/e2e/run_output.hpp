// Reading what a child process printed: for asserts and their messages.
#ifndef SB_E2E_RUN_OUTPUT_HPP
#define SB_E2E_RUN_OUTPUT_HPP

#include "subprocess.hpp"

#include <string>
#include <vector>

namespace sb::e2e {

// For assertion messages: exit code, stdout and stderr of a run.
std::string describe(const Completed &run);

std::vector<std::string> lines_of(const std::string &text);
std::vector<std::string> lines_containing(const std::string &text, const std::string &needle);
int count_of(const std::string &text, const std::string &needle);
bool contains(const std::string &text, const std::string &needle);

// The one-line result sb prints for a file: "ok         a.mov -> out/a.mp4 (0.3 s)",
// "FAILED     a.mov: reason", "skipped    ...", "cancelled  ...".
std::vector<std::string> result_lines(const std::string &err, const std::string &status_word);

} // namespace sb::e2e

#endif // SB_E2E_RUN_OUTPUT_HPP
