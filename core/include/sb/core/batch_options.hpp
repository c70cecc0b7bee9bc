// Options every converter sub-command gets from the host (workers, output
// folder, skip/overwrite policy, ...). Plugins never see these; their own
// option names must not clash with them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::core {

enum class ExistingOutputPolicy { fail, skip, overwrite };
enum class JobOrder { longest_first, input };

struct BatchOptions {
    std::size_t workers = 0;                 // 0 = one per CPU
    std::optional<std::filesystem::path> out_dir;
    bool recursive = false;
    bool flat = false;
    bool dry_run = false;
    int verbosity = 0;                       // -v count
    bool quiet = false;
    bool progress = true;                    // --no-progress turns it off
    ExistingOutputPolicy existing = ExistingOutputPolicy::fail;
    JobOrder order = JobOrder::longest_first;
    std::vector<std::filesystem::path> dirs; // -d DIR (repeatable)
    std::vector<std::string> inputs;         // positional files / globs
    std::optional<std::filesystem::path> report_json;
};

// Long and short names the host uses on every converter sub-command.
bool is_reserved_option_name(std::string_view long_name);
bool is_reserved_short_name(std::string_view short_name);

} // namespace sb::core
