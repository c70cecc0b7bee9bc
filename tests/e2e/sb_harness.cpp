#include "sb_harness.hpp"


namespace sb::e2e {

namespace fs = std::filesystem;

fs::path sb_executable() { return SB_E2E_SB_PATH; }
fs::path mp4_plugin_file() { return SB_E2E_MP4_PLUGIN; }
fs::path fixture_plugin_dir() { return SB_E2E_FIXTURE_PLUGIN_DIR; }

std::optional<fs::path> shared_dir() {
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(fs::path(SB_E2E_SHARED_DIR), ec);
    if (ec || !fs::is_directory(dir, ec)) return std::nullopt;
    return dir;
}

Command sb_command(std::vector<std::string> args, const fs::path &cwd) {
    Command c;
    c.argv.push_back(sb_executable().string());
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    c.cwd = cwd;
    c.env["SB_PLUGIN_PATH"] = std::nullopt;
    c.env["CI"] = std::nullopt;
    return c;
}

Completed run_sb(std::vector<std::string> args, const fs::path &cwd, milliseconds timeout) {
    return run(sb_command(std::move(args), cwd), timeout);
}

} // namespace sb::e2e
