// The shared corpus cases (../shared/corpus/cases): BR-XX.sh generators and
// EXPECT.tsv, the table of what sb must do with each.
#ifndef SB_E2E_CORPUS_CASE_HPP
#define SB_E2E_CORPUS_CASE_HPP

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sb::e2e {

// ../shared/corpus/cases, when it exists.
std::optional<std::filesystem::path> cases_dir();

// Runs BR-<id>.sh into dest (made once per build tree, then copied). Throws
// std::runtime_error with the generator's stderr when it fails.
void generate_case(const std::string &id, const std::filesystem::path &dest);

struct ExpectRow {
    std::string id, input, command, expected;
};
std::vector<ExpectRow> expect_rows(const std::filesystem::path &cases);

} // namespace sb::e2e

#endif // SB_E2E_CORPUS_CASE_HPP
