#include "corpus_case.hpp"

#include "file_checks.hpp"
#include "input_cache.hpp"
#include "sb_harness.hpp"
#include "subprocess.hpp"

#include <sstream>
#include <stdexcept>

namespace sb::e2e {

namespace fs = std::filesystem;

std::optional<fs::path> cases_dir() {
    const auto shared = shared_dir();
    if (!shared) return std::nullopt;
    std::error_code ec;
    const fs::path dir = *shared / "corpus" / "cases";
    if (!fs::is_directory(dir, ec)) return std::nullopt;
    return dir;
}

void generate_case(const std::string &id, const fs::path &dest) {
    const auto cases = cases_dir();
    if (!cases) throw std::runtime_error("../shared/corpus/cases is missing");
    const fs::path script = *cases / ("BR-" + id + ".sh");
    // Keyed by the script's text: an edited generator makes its inputs again.
    const std::string key = "BR-" + id + "-" + stable_hash(read_file(script));
    const auto entry = cached(key, "", [&](const fs::path &temp) {
        Command c;
        c.argv = {"bash", script.string(), temp.string()};
        const auto r = run(c, milliseconds(300'000));
        if (r.exit_code != 0) throw std::runtime_error(script.string() + " failed:\n" + describe(r));
    });
    copy_from_cache(entry, dest);
}

std::vector<ExpectRow> expect_rows(const fs::path &cases) {
    std::vector<ExpectRow> rows;
    std::istringstream in(read_file(cases / "EXPECT.tsv"));
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#' || line.rfind("id\t", 0) == 0) continue;
        std::vector<std::string> fields;
        std::istringstream cols(line);
        for (std::string f; std::getline(cols, f, '\t');) fields.push_back(f);
        if (fields.size() < 4) continue;
        rows.push_back({fields[0], fields[1], fields[2], fields[3]});
    }
    return rows;
}

} // namespace sb::e2e
