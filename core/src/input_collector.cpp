#include <sb/core/input_collector.hpp>

#include <fmt/format.h>

#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

namespace sb::core {

namespace fs = std::filesystem;

namespace {

bool has_glob_chars(const std::string &s) { return s.find_first_of("*?[") != std::string::npos; }

class Collector {
public:
    explicit Collector(const CollectOptions &options) : options_(options) {
        std::error_code ec;
        if (!options.skip_folder.empty()) skip_ = fs::weakly_canonical(absolute_normal(options.skip_folder), ec);
    }

    void add_argument(const std::string &arg) {
        std::error_code ec;
        const fs::path p(arg);
        const auto status = fs::status(p, ec);
        if (!fs::exists(status) && has_glob_chars(arg)) return add_glob(arg);
        if (!fs::exists(status)) {
            if (fs::is_symlink(fs::symlink_status(p, ec)))
                return problem(arg, "broken symbolic link");
            return problem(arg, ec && ec != std::errc::no_such_file_or_directory ? ec.message() : "no such file or directory");
        }
        if (fs::is_directory(status)) {
            if (!options_.recursive)
                return problem(arg, "is a folder (use -r to convert what it contains, or -d DIR)");
            return add_folder(p, true);
        }
        add_file(p, arg, {}, true);
    }

    void add_folder(const fs::path &folder, bool recursive) {
        std::error_code ec;
        const fs::path root = absolute_normal(folder);
        if (!fs::is_directory(root, ec)) return problem(folder.string(), "no such folder");
        std::vector<fs::path> found;
        scan(root, recursive, found);
        std::sort(found.begin(), found.end());
        for (const auto &f : found) add_file(f, display_of(f), root, false);
    }

    CollectedInputs take() { return std::move(result_); }

private:
    static fs::path absolute_normal(const fs::path &p) {
        std::error_code ec;
        auto abs = fs::absolute(p, ec);
        return (ec ? p : abs).lexically_normal();
    }

    static std::string display_of(const fs::path &abs) {
        std::error_code ec;
        const auto rel = abs.lexically_relative(fs::current_path(ec));
        if (!ec && !rel.empty() && *rel.begin() != "..") return rel.string();
        return abs.string();
    }

    bool wanted(const fs::path &p) const {
        const auto ext = lower_extension(p);
        return std::find(options_.extensions.begin(), options_.extensions.end(), ext) != options_.extensions.end();
    }

    void scan(const fs::path &folder, bool recursive, std::vector<fs::path> &found) {
        std::error_code ec;
        fs::directory_iterator it(folder, fs::directory_options::none, ec);
        if (ec) return problem(display_of(folder), fmt::format("cannot read folder: {}", ec.message()));
        // Real paths of folders already entered, so symlinked loops end.
        const fs::path real = fs::weakly_canonical(folder, ec);
        if (!visited_.insert(real.string()).second) return;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) return problem(display_of(folder), fmt::format("cannot read folder: {}", ec.message()));
            const auto &entry = *it;
            std::error_code e2;
            const auto name = entry.path().filename().string();
            if (entry.is_directory(e2)) {
                if (recursive && !name.empty() && name[0] != '.' && !is_skipped(entry.path()))
                    scan(entry.path(), recursive, found);
            } else if (entry.is_regular_file(e2) && !name.empty() && name[0] != '.' && wanted(entry.path())) {
                found.push_back(entry.path().lexically_normal());
            }
        }
    }

    bool is_skipped(const fs::path &folder) const {
        if (skip_.empty()) return false;
        std::error_code ec;
        return fs::weakly_canonical(folder, ec) == skip_;
    }

    void add_glob(const std::string &pattern) {
        glob_t g{};
        const int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
        if (rc == GLOB_NOMATCH) {
            ::globfree(&g);
            return problem(pattern, "no file matches this pattern");
        }
        std::vector<std::string> matches(g.gl_pathv, g.gl_pathv + g.gl_pathc);
        ::globfree(&g);
        if (rc != 0) return problem(pattern, "cannot expand pattern");
        for (const auto &m : matches) add_argument(m);
    }

    void add_file(const fs::path &p, const std::string &display, const fs::path &root, bool explicit_name) {
        const fs::path abs = absolute_normal(p);
        std::error_code ec;
        // The same file named twice (glob + -d, a symlink, ./x vs x) runs once.
        if (!seen_.insert(fs::weakly_canonical(abs, ec).string()).second) return;
        result_.files.push_back({abs, display, root, explicit_name, {}});
    }

    void problem(const std::string &display, std::string reason) {
        InputFile bad;
        bad.display = display;
        bad.problem = std::move(reason);
        result_.files.push_back(std::move(bad));
    }

    const CollectOptions &options_;
    CollectedInputs result_;
    std::set<std::string> seen_;
    std::set<std::string> visited_;
    fs::path skip_;
};

} // namespace

std::string lower_extension(const fs::path &p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

CollectedInputs collect_inputs(const CollectOptions &options) {
    Collector collector(options);
    for (const auto &arg : options.arguments) collector.add_argument(arg);
    for (const auto &dir : options.dirs) collector.add_folder(dir, options.recursive);
    return collector.take();
}

} // namespace sb::core
