// The output folders a batch creates, so that a batch that wrote nothing into
// them does not leave empty folders behind (a run whose every file failed).
#pragma once

#include <sb/core/batch_plan.hpp>

#include <filesystem>
#include <vector>

namespace sb::core {

class CreatedOutputFolders {
public:
    // Notes, before the batch runs, every folder on the way to an output that
    // does not exist yet (TempOutput creates them as jobs start).
    explicit CreatedOutputFolders(const BatchPlan &plan);

    // Removes those of them that are empty now, deepest first; folders holding
    // anything (an output, a file someone else put there) stay. Never throws.
    void remove_empty() const noexcept;

private:
    std::vector<std::filesystem::path> folders_; // deepest first
};

} // namespace sb::core
