// Turns what the user named (files, globs, folders with -d/-r) into the list of
// input files, each with the root its output structure is relative to.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sb::core {

struct InputFile {
    std::filesystem::path path;      // absolute, lexically normal
    std::string display;             // as the user would recognise it (the argument, or relative to the cwd)
    std::filesystem::path root;      // folder the output keeps structure relative to ("" = none: flat)
    bool named_explicitly = false;   // given by name (tried whatever its extension)
    // Non-empty when the named path cannot be a job (missing, a folder without
    // -r, unreadable folder, a pattern that matches nothing): it fails alone
    // with this reason.
    std::string problem;
};

struct CollectedInputs {
    std::vector<InputFile> files; // in the order given, problems included; duplicates removed
};

struct CollectOptions {
    std::vector<std::string> arguments;           // positional: files, folders, globs
    std::vector<std::filesystem::path> dirs;      // -d
    bool recursive = false;                       // -r
    std::vector<std::string> extensions;          // lower case with dot, for folder scans
    // Folder scans do not enter this folder (the -o folder): a resumed run whose
    // output lives inside the scanned tree must not take its own outputs as inputs.
    std::filesystem::path skip_folder;
};

CollectedInputs collect_inputs(const CollectOptions &options);

// ".MOV" -> ".mov"
std::string lower_extension(const std::filesystem::path &p);

} // namespace sb::core
