// Outputs appear only complete: a job writes a hidden temporary file in the
// destination folder and the file is renamed onto its final path only after the
// converter finished it. A temporary file that is not committed is removed when
// its owner goes out of scope (failure, exception, cancellation).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sb::core {

class TempOutput {
public:
    // Creates the destination folders and an empty temporary file next to
    // final_path (".<stem>.sb-partial-<pid>-<random><ext>", mode 0666 & ~umask).
    // Throws std::runtime_error with the OS reason.
    explicit TempOutput(std::filesystem::path final_path);
    ~TempOutput();
    TempOutput(const TempOutput &) = delete;
    TempOutput &operator=(const TempOutput &) = delete;

    const std::filesystem::path &path() const { return temp_; }
    const std::filesystem::path &final_path() const { return final_; }

    // Moves the file into place. Without replace_existing an output that appeared
    // meanwhile is never clobbered (the commit fails instead). Throws
    // std::runtime_error with the OS reason; the temporary file is then removed.
    void commit(bool replace_existing);

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

// True for names TempOutput creates (any pid).
bool is_temp_output_name(const std::string &filename);

// Removes temporary files that a killed earlier run left for final_path (their
// process no longer exists). Returns the paths removed.
std::vector<std::filesystem::path> remove_stale_temp_outputs(const std::filesystem::path &final_path);

} // namespace sb::core
