#include "cli.hpp"

#include "commands.hpp"

#include <sb/core/batch_options.hpp>
#include <sb/core/ffmpeg_runtime.hpp>
#include <sb/core/option_bridge.hpp>
#include <sb/core/plugin_registry.hpp>
#include <sb/core/plugin_search_path.hpp>
#include <sb/core/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>

namespace sb::app {

namespace fs = std::filesystem;

namespace {

constexpr int kUsageError = 2;
constexpr const char *kBatchGroup = "Batch options (every converter)";

fs::path executable_dir(const char *argv0) {
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) self = fs::absolute(argv0, ec);
    return self.parent_path();
}

// One converter sub-command: its batch options and its own options.
struct ConverterCommand {
    const core::LoadedConverter *converter = nullptr;
    CLI::App *app = nullptr;
    core::BatchOptions batch;
    std::string out_dir, report, config, order = "longest";
    bool skip = false, overwrite = false, no_progress = false;
    std::vector<std::string> dirs;
    std::unique_ptr<core::OptionBridge> options;
};

void add_batch_options(CLI::App &cmd, ConverterCommand &c) {
    auto &b = c.batch;
    cmd.add_option("inputs", b.inputs, "Files, folders (with -r) or quoted patterns such as \"*.mov\"")->type_name("FILE");
    // Validators with an empty description: the allowed values are in the help text
    // already, and CLI11 would print them again after the value name.
    cmd.add_option("-w,--workers", b.workers, "Files converted at once, 1..256 (default: CPU count)")
        ->check(CLI::Range(1, 256).description(""))->type_name("N")->group(kBatchGroup);
    cmd.add_option("-o,--out", c.out_dir, "Write outputs into DIR (default: next to each input)")->type_name("DIR")->group(kBatchGroup);
    cmd.add_option("-d,--dir", c.dirs, "Convert the files of DIR that have a supported extension (repeatable)")
        ->type_name("DIR")->group(kBatchGroup);
    cmd.add_flag("-r,--recursive", b.recursive, "Look into sub-folders of -d DIR and of folders named as inputs")->group(kBatchGroup);
    cmd.add_flag("-f,--flat", b.flat, "With -o: put every output directly in DIR instead of mirroring sub-folders")->group(kBatchGroup);
    auto *skip = cmd.add_flag("-s,--skip", c.skip, "Skip inputs whose output already exists (and plays)")->group(kBatchGroup);
    auto *overwrite = cmd.add_flag("--overwrite", c.overwrite, "Replace existing outputs (atomically, after success)")->group(kBatchGroup);
    skip->excludes(overwrite);
    cmd.add_flag("-n,--dry-run", b.dry_run, "Print what would be done, touch nothing")->group(kBatchGroup);
    cmd.add_flag("-v,--verbose", b.verbosity, "More detail: -v decisions per file, -vv debug and FFmpeg warnings")->group(kBatchGroup);
    cmd.add_flag("--quiet", b.quiet, "Print only errors and the summary")->group(kBatchGroup);
    cmd.add_flag("--no-progress", c.no_progress, "No live progress line")->group(kBatchGroup);
    cmd.add_option("--order", c.order, "Job order: longest first (keeps workers busy) or as given (default longest)")
        ->check(CLI::IsMember({"longest", "input"}).description(""))->type_name("{longest, input}")->group(kBatchGroup);
    cmd.add_option("--report", c.report, "Also write a JSON report of the batch to FILE")->type_name("FILE")->group(kBatchGroup);
    cmd.add_option("--config", c.config, "Read options from FILE (not yet supported: exits with an error)")
        ->type_name("FILE")->group(kBatchGroup);
}

void finish_batch_options(ConverterCommand &c) {
    auto &b = c.batch;
    if (!c.out_dir.empty()) b.out_dir = fs::path(c.out_dir);
    if (!c.report.empty()) b.report_json = fs::path(c.report);
    for (const auto &d : c.dirs) b.dirs.emplace_back(d);
    b.existing = c.skip ? core::ExistingOutputPolicy::skip
                 : c.overwrite ? core::ExistingOutputPolicy::overwrite
                               : core::ExistingOutputPolicy::fail;
    b.progress = !c.no_progress;
    b.order = c.order == "input" ? core::JobOrder::input : core::JobOrder::longest_first;
}

void setup_logging() {
    auto logger = spdlog::stderr_logger_st("sb");
    logger->set_pattern("sb: %l: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::info);
}

bool is_known_command(const CLI::App &app, const std::string &name) {
    for (const auto *sub : app.get_subcommands([](const CLI::App *) { return true; }))
        if (sub->get_name() == name) return true;
    return false;
}

} // namespace

int run(int argc, char **argv) {
    setup_logging();

    core::PluginRegistry registry;
    const auto search = core::plugin_search_path(std::getenv("SB_PLUGIN_PATH"), executable_dir(argv[0]));
    for (const auto &w : search.warnings) spdlog::warn("{}", w);
    registry.load_folders(search.folders);

    CLI::App app{"sb — convert whole folders of media in parallel, through converter plugins", "sb"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("sb ") + core::kVersion);
    app.footer("Converters come from plugins; `sb ls` lists them and any plugin file that was refused.\n"
               "Exit codes: 0 all files converted or skipped, 1 a file failed, 2 usage error, 130 interrupted (143 SIGTERM).");

    bool ls_json = false;
    auto *ls = app.add_subcommand("ls", "List loaded converters (and rejected plugin files)");
    ls->add_flag("--json", ls_json, "Machine-readable output");
    auto *version = app.add_subcommand("version", "Print the versions of sb, its plugin ABI and FFmpeg");

    std::deque<ConverterCommand> converters;
    for (const auto &loaded : registry.converters()) {
        auto &c = converters.emplace_back();
        c.converter = &loaded;
        c.app = app.add_subcommand(loaded.desc->name, loaded.desc->summary);
        add_batch_options(*c.app, c);
        c.options = std::make_unique<core::OptionBridge>(*c.app, *loaded.desc);
        // CLI11 shows a sub-command's description in the parent's list too, so the
        // one-line summary stays the description and the paragraph goes below the options.
        const std::string plugin_line =
            fmt::format("Plugin: {} {} ({})", loaded.plugin_id, loaded.plugin_version, loaded.library.string());
        c.app->footer(loaded.desc->description ? fmt::format("{}\n\n{}", loaded.desc->description, plugin_line)
                                               : plugin_line);
    }

    if (argc > 1 && argv[1][0] != '-' && !is_known_command(app, argv[1])) {
        fmt::print(stderr, "sb: error: unknown command '{}' (no loaded plugin provides it; `sb ls` shows what is loaded)\n", argv[1]);
        return kUsageError;
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        app.exit(e);
        return kUsageError;
    }

    if (ls->parsed()) return list_command(registry, ls_json);
    if (version->parsed()) return version_command();
    for (auto &c : converters) {
        if (!c.app->parsed()) continue;
        if (!c.config.empty()) {
            fmt::print(stderr, "sb: error: --config: configuration files are not yet supported\n");
            return kUsageError;
        }
        finish_batch_options(c);
        core::route_ffmpeg_log(c.batch.verbosity);
        if (c.batch.verbosity >= 2) spdlog::set_level(spdlog::level::debug);
        return batch_command(*c.converter, c.batch, c.options->values());
    }
    return kUsageError;
}

} // namespace sb::app
