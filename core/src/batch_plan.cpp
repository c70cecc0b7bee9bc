#include <sb/core/batch_plan.hpp>

#include <fmt/format.h>

#include <map>
#include <set>
#include <system_error>
#include <vector>

namespace sb::core {

namespace fs = std::filesystem;

namespace {

std::string display_path(const fs::path &abs) {
    std::error_code ec;
    const auto rel = abs.lexically_relative(fs::current_path(ec));
    if (!ec && !rel.empty() && *rel.begin() != "..") return rel.string();
    return abs.string();
}

fs::path output_for(const InputFile &in, const PlanOptions &options) {
    fs::path name = in.path.filename();
    name.replace_extension(options.output_extension);
    if (!options.out_dir) return in.path.parent_path() / name;
    fs::path dir = fs::absolute(*options.out_dir).lexically_normal();
    if (!options.flat && !in.root.empty()) {
        const fs::path sub = in.path.parent_path().lexically_relative(in.root);
        if (!sub.empty() && sub != "." && *sub.begin() != "..") dir /= sub;
    }
    return (dir / name).lexically_normal();
}

// One spelling per file, whatever symlinked folders, "." or ".." led to it, so
// that clashes and overwritten inputs are found however the paths were given.
std::string file_key(const fs::path &p) {
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(p, ec);
    return (ec ? p : real).string();
}

bool same_file(const fs::path &a, const fs::path &b) {
    if (a == b) return true;
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

// Each usable input's paths, resolved once (file_key walks the file system);
// index-aligned with inputs.files, empty for inputs with a problem.
struct ResolvedPaths {
    std::string input_key;
    fs::path output;
    std::string output_key;
};

std::vector<ResolvedPaths> resolve_paths(const CollectedInputs &inputs, const PlanOptions &options) {
    std::vector<ResolvedPaths> resolved(inputs.files.size());
    for (std::size_t i = 0; i < inputs.files.size(); ++i) {
        const auto &in = inputs.files[i];
        if (!in.problem.empty()) continue;
        resolved[i].input_key = file_key(in.path);
        resolved[i].output = output_for(in, options);
        resolved[i].output_key = file_key(resolved[i].output);
    }
    return resolved;
}

// A file a folder scan found that is the output of another input (clip.mp4 next
// to clip.mov after an earlier run without -o) is that run's result, not
// material: converting it again would refuse to overwrite itself, and clip.mov
// would refuse to overwrite "another input". Files named explicitly stay inputs.
std::set<std::string> earlier_outputs(const CollectedInputs &inputs, const std::vector<ResolvedPaths> &resolved) {
    std::map<std::string, std::size_t> producers; // output key -> how many inputs write it
    for (std::size_t i = 0; i < inputs.files.size(); ++i)
        if (inputs.files[i].problem.empty()) ++producers[resolved[i].output_key];
    std::set<std::string> found;
    for (std::size_t i = 0; i < inputs.files.size(); ++i) {
        const auto &in = inputs.files[i];
        if (!in.problem.empty() || in.named_explicitly) continue;
        const auto it = producers.find(resolved[i].input_key);
        if (it == producers.end()) continue;
        const std::size_t by_itself = resolved[i].output_key == resolved[i].input_key ? 1 : 0;
        if (it->second > by_itself) found.insert(resolved[i].input_key);
    }
    return found;
}

} // namespace

BatchPlan plan_batch(const CollectedInputs &inputs, const PlanOptions &options) {
    BatchPlan plan;
    const std::vector<ResolvedPaths> resolved = resolve_paths(inputs, options);
    const std::set<std::string> ignored = earlier_outputs(inputs, resolved);
    auto is_ignored = [&](std::size_t i) { return inputs.files[i].problem.empty() && ignored.count(resolved[i].input_key); };
    std::set<std::string> input_paths;
    for (std::size_t i = 0; i < inputs.files.size(); ++i)
        if (inputs.files[i].problem.empty() && !is_ignored(i)) input_paths.insert(resolved[i].input_key);

    std::map<std::string, std::size_t> by_output; // output path -> first job using it
    for (std::size_t i = 0; i < inputs.files.size(); ++i) {
        const auto &in = inputs.files[i];
        if (is_ignored(i)) continue;
        PlannedJob job;
        job.input = in;
        if (!in.problem.empty()) {
            job.action = PlannedAction::fail;
            job.reason = in.problem;
            plan.jobs.push_back(std::move(job));
            continue;
        }
        job.output = resolved[i].output;
        job.output_display = display_path(job.output);

        std::error_code ec;
        const auto out_status = fs::status(job.output, ec);
        const bool writes_itself = same_file(job.input.path, job.output);
        if (writes_itself) {
            job.action = PlannedAction::fail;
            job.reason = fmt::format("output {} would overwrite the input; use -o DIR to write elsewhere", job.output_display);
        } else if (input_paths.count(resolved[i].output_key)) {
            job.action = PlannedAction::fail;
            job.reason = fmt::format("output {} is another input of this batch; refusing to overwrite it", job.output_display);
        } else if (fs::is_directory(out_status)) {
            job.action = PlannedAction::fail;
            job.reason = fmt::format("output {} is a folder", job.output_display);
        } else if (fs::exists(out_status)) {
            switch (options.existing) {
            case ExistingOutputPolicy::fail:
                job.action = PlannedAction::fail;
                job.reason = fmt::format("output {} exists (use -s to skip or --overwrite to replace)", job.output_display);
                break;
            case ExistingOutputPolicy::skip:
                job.action = PlannedAction::skip;
                job.reason = fmt::format("output {} exists", job.output_display);
                job.verify_existing = true;
                break;
            case ExistingOutputPolicy::overwrite:
                job.replace_existing = true;
                break;
            }
        }

        // Two inputs that map to one output are a usage error, whatever else
        // holds for them (an input mapped onto itself is refused on its own).
        const auto [it, inserted] = writes_itself ? std::pair{by_output.end(), true}
                                                  : by_output.emplace(resolved[i].output_key, plan.jobs.size());
        if (!inserted) {
            const auto &first = plan.jobs[it->second];
            plan.usage_errors.push_back(fmt::format("{} and {} would both be written to {}", first.input.display,
                                                    job.input.display, job.output_display));
        }
        plan.jobs.push_back(std::move(job));
    }
    return plan;
}

} // namespace sb::core
