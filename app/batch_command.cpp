#include "commands.hpp"

#include "signal_watcher.hpp"

#include <sb/core/batch_plan.hpp>
#include <sb/core/batch_runner.hpp>
#include <sb/core/console_reporter.hpp>
#include <sb/core/dry_run.hpp>
#include <sb/core/input_collector.hpp>
#include <sb/core/json_report.hpp>
#include <sb/core/output_folders.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace sb::app {

namespace fs = std::filesystem;

namespace {

constexpr int kUsageError = 2;

bool running_in_ci() {
    const char *ci = std::getenv("CI");
    return ci && *ci && std::strcmp(ci, "0") != 0 && std::strcmp(ci, "false") != 0;
}

int usage_error(const std::string &message) {
    fmt::print(stderr, "sb: error: {}\nRun with --help for more information.\n", message);
    return kUsageError;
}

} // namespace

int batch_command(const core::LoadedConverter &converter, core::BatchOptions options, const core::OptionValues &values) {
    const auto &desc = *converter.desc;
    if (options.inputs.empty() && options.dirs.empty())
        return usage_error(fmt::format("no inputs: name files or patterns (sb {} clip.mov *.avi) or a folder with -d DIR", desc.name));
    if (options.flat && !options.out_dir)
        return usage_error("-f/--flat needs -o DIR: without it every output is written next to its input");
    if (options.out_dir) {
        std::error_code ec;
        if (fs::exists(*options.out_dir, ec) && !fs::is_directory(*options.out_dir, ec))
            return usage_error(fmt::format("--out {}: exists and is not a folder", options.out_dir->string()));
    }

    core::CollectOptions collect;
    collect.arguments = options.inputs;
    collect.dirs = options.dirs;
    collect.recursive = options.recursive;
    if (options.out_dir) collect.skip_folder = *options.out_dir;
    for (auto e = desc.input_extensions; e && *e; ++e) collect.extensions.emplace_back(*e);
    const auto inputs = core::collect_inputs(collect);
    if (inputs.files.empty())
        return usage_error(fmt::format("no input files found (looked for {})", fmt::join(collect.extensions, " ")));

    core::PlanOptions plan_options;
    plan_options.out_dir = options.out_dir;
    plan_options.flat = options.flat;
    plan_options.existing = options.existing;
    plan_options.output_extension = core::output_extension_for(desc, values);
    const auto plan = core::plan_batch(inputs, plan_options);
    if (!plan.usage_errors.empty()) {
        for (const auto &e : plan.usage_errors) fmt::print(stderr, "sb: error: {}\n", e);
        fmt::print(stderr, "sb: nothing was converted: give the clashing inputs different names{}\n",
                   options.flat ? ", use separate -o folders, or drop -f" : " or convert them into separate -o folders");
        return kUsageError;
    }

    if (options.report_json) {
        if (options.dry_run) {
            fmt::print(stderr, "sb: --report {}: nothing is written for a dry run\n", options.report_json->string());
        } else {
            try {
                core::check_report_path(*options.report_json);
            } catch (const std::exception &e) {
                return usage_error(e.what());
            }
        }
    }
    if (options.dry_run) return core::print_dry_run(plan, converter, values, stdout) > 0 ? 1 : 0;

    const std::size_t cpus = std::max(1u, std::thread::hardware_concurrency());
    core::RunSettings run;
    run.workers = options.workers ? options.workers : cpus;
    run.cpu_count = cpus;
    run.order = options.order;

    core::ReporterSettings report;
    report.live_progress = options.progress && !options.quiet && ::isatty(STDERR_FILENO) && !running_in_ci();
    report.quiet = options.quiet;
    report.verbosity = options.verbosity;
    core::ConsoleReporter reporter(stderr, report);
    core::BatchRunner runner(converter, values, run, reporter);

    const core::CreatedOutputFolders created_folders(plan);
    core::BatchSummary summary;
    {
        SignalWatcher signals([&](int signo, int count) {
            if (count == 1) {
                runner.stop_pending(signo);
                const auto running = runner.running_jobs();
                reporter.notice(fmt::format("{}: finishing {} running conversion{} — press Ctrl+C again to abort",
                                            signo == SIGTERM ? "SIGTERM" : "interrupted", running, running == 1 ? "" : "s"));
            } else if (count == 2) {
                runner.abort(signo);
                reporter.notice("aborting: stopping running conversions and removing their unfinished files");
            }
        });
        summary = runner.run(plan);
    }
    created_folders.remove_empty();
    reporter.batch_finished(summary);

    if (options.report_json) {
        try {
            core::write_json_report(summary, *options.report_json);
        } catch (const std::exception &e) {
            spdlog::error("{}", e.what());
            return std::max(core::exit_code(summary), 1);
        }
    }
    return core::exit_code(summary);
}

} // namespace sb::app
