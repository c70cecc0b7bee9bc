// Decides, before any work starts, what happens to every input: its output
// path, and whether it is converted, skipped or refused. The whole plan is
// checked at once, so a clash between two inputs stops the batch before it
// touches anything.
#pragma once

#include <sb/core/batch_options.hpp>
#include <sb/core/input_collector.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace sb::core {

enum class PlannedAction {
    convert,   // write output (replacing an existing one atomically if replace_existing)
    skip,      // output exists and -s was given
    fail,      // refused or unusable input: reason says why
};

struct PlannedJob {
    InputFile input;
    std::filesystem::path output;  // final path (absolute)
    std::string output_display;    // as shown to the user
    PlannedAction action = PlannedAction::convert;
    std::string reason;            // for skip and fail
    bool replace_existing = false; // --overwrite of an existing file
    bool verify_existing = false;  // -s found an output: keep it only if it is valid media
};

struct BatchPlan {
    std::vector<PlannedJob> jobs;          // one per input, in input order
    std::vector<std::string> usage_errors; // clashes: the batch must not start
};

struct PlanOptions {
    std::optional<std::filesystem::path> out_dir;
    bool flat = false;
    ExistingOutputPolicy existing = ExistingOutputPolicy::fail;
    std::string output_extension; // ".mp4"
};

BatchPlan plan_batch(const CollectedInputs &inputs, const PlanOptions &options);

} // namespace sb::core
