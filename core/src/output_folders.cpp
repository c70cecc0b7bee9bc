#include <sb/core/output_folders.hpp>

#include <algorithm>
#include <set>
#include <system_error>

namespace sb::core {

namespace fs = std::filesystem;

CreatedOutputFolders::CreatedOutputFolders(const BatchPlan &plan) {
    // Many outputs share a folder: each folder is looked at once, and a folder
    // seen before means its parents were too.
    std::set<fs::path> seen, missing;
    for (const auto &job : plan.jobs) {
        if (job.action != PlannedAction::convert || job.output.empty()) continue;
        for (fs::path dir = job.output.parent_path(); !dir.empty() && seen.insert(dir).second; dir = dir.parent_path()) {
            std::error_code ec;
            if (fs::exists(dir, ec) || dir == dir.parent_path()) break;
            missing.insert(dir);
        }
    }
    folders_.assign(missing.begin(), missing.end());
    // A child's path is longer than its parent's: longest first empties children first.
    std::sort(folders_.begin(), folders_.end(),
              [](const fs::path &a, const fs::path &b) { return a.native().size() > b.native().size(); });
}

void CreatedOutputFolders::remove_empty() const noexcept {
    for (const auto &dir : folders_) {
        std::error_code ec;
        if (fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec) fs::remove(dir, ec);
    }
}

} // namespace sb::core
