#include "media_checks.hpp"

#include "file_checks.hpp"
#include "input_cache.hpp"
#include "sb_harness.hpp"
#include "subprocess.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace sb::e2e {

namespace fs = std::filesystem;

namespace {

// Bump when media_factory changes what it writes, so stale cache entries go unused.
constexpr const char *kFactoryVersion = "factory-1";

std::string describe_spec(const test::MediaSpec &s, const std::string &extension) {
    std::ostringstream out;
    out << kFactoryVersion << '|' << s.duration << '|' << s.width << 'x' << s.height << '|' << s.rate << '|' << s.video_codec
        << '|' << s.pix_fmt << '|' << s.audio_codec << '|' << s.sample_rate << '|' << s.channels << '|' << s.format << '|'
        << extension;
    for (const auto &a : s.extra_args) out << '|' << a;
    return out.str();
}

double video_duration(const test::MediaInfo &info) {
    const auto *v = info.first("video");
    return v && v->duration > 0 ? v->duration : info.duration;
}

} // namespace

test::MediaSpec small_clip(double seconds) {
    test::MediaSpec spec;
    spec.duration = seconds;
    return spec;
}

void make_input(const fs::path &out, const test::MediaSpec &spec) {
    const std::string extension = out.extension().string();
    const auto entry = cached(stable_hash(describe_spec(spec, extension)), extension,
                              [&](const fs::path &temp) { test::make_media(temp, spec); });
    copy_from_cache(entry, out);
}

void make_input(const fs::path &out, double seconds) { make_input(out, small_clip(seconds)); }

::testing::AssertionResult is_conversion_of(const fs::path &file, const fs::path &input, bool audio) {
    const auto out = test::probe_media(file);
    if (!out.ok) return ::testing::AssertionFailure() << file << " does not open: " << out.error;
    const auto in = test::probe_media(input);
    if (!in.ok) return ::testing::AssertionFailure() << "input " << input << " does not open: " << in.error;
    if (out.format_name.find("mp4") == std::string::npos)
        return ::testing::AssertionFailure() << file << " is " << out.format_name << ", not MP4";
    const auto *v = out.first("video");
    if (!v || v->codec_name != "h264") return ::testing::AssertionFailure() << file << " has no H.264 video";
    if (audio && (!out.first("audio") || out.first("audio")->codec_name != "aac"))
        return ::testing::AssertionFailure() << file << " has no AAC audio";
    const auto *iv = in.first("video");
    const double frame = iv ? 1.0 / 30.0 : 0.05;
    const double want = video_duration(in), got = video_duration(out);
    if (!(std::fabs(want - got) <= frame + 1e-6))
        return ::testing::AssertionFailure() << file << " lasts " << got << " s, input " << want << " s (more than one frame apart)";
    if (iv && v->frames != iv->frames)
        return ::testing::AssertionFailure() << file << " has " << v->frames << " video frames, input " << iv->frames;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_valid_media(const fs::path &file) {
    const auto info = test::probe_media(file);
    if (!info.ok) return ::testing::AssertionFailure() << file << " does not open: " << info.error;
    if (info.count("video") < 1) return ::testing::AssertionFailure() << file << " has no video stream";
    if (!(info.duration > 0)) return ::testing::AssertionFailure() << file << " has no duration";
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_clean_output_dir(const fs::path &dir) {
    const auto strays = stray_files(dir);
    if (!strays.empty()) {
        auto failure = ::testing::AssertionFailure() << dir << " holds files a batch must not leave:";
        for (const auto &s : strays) failure << ' ' << s;
        return failure;
    }
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        if (it->path().extension() != ".mp4") return ::testing::AssertionFailure() << it->path() << " is not an .mp4";
        if (auto valid = is_valid_media(it->path()); !valid) return valid;
    }
    return ::testing::AssertionSuccess();
}

void ffmpeg(const std::vector<std::string> &args) {
    Command c;
    c.argv = {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    const auto r = run(c, milliseconds(120'000));
    if (r.exit_code != 0) throw std::runtime_error("ffmpeg failed:\n" + describe(r));
}

namespace {
std::string tool_output(const std::string &tool, const std::vector<std::string> &args) {
    Command c;
    c.argv = {tool};
    if (tool == "ffmpeg") c.argv.push_back("-nostdin");
    c.argv.insert(c.argv.end(), {"-v", "error"});
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    const auto r = run(c, milliseconds(120'000));
    if (r.exit_code != 0) throw std::runtime_error(tool + " failed:\n" + describe(r));
    return r.out;
}
} // namespace

std::string ffmpeg_output(const std::vector<std::string> &args) { return tool_output("ffmpeg", args); }
std::string ffprobe_output(const std::vector<std::string> &args) { return tool_output("ffprobe", args); }

std::string ffprobe_value(const fs::path &file, const std::string &select, const std::string &entries) {
    std::vector<std::string> args;
    if (!select.empty()) args.insert(args.end(), {"-select_streams", select});
    args.insert(args.end(), {"-show_entries", entries, "-of", "default=nw=1:nk=1", file.string()});
    std::string out = ffprobe_output(args);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

double duration_of(const fs::path &file) {
    const auto info = test::probe_media(file);
    return info.ok ? info.duration : -1;
}

} // namespace sb::e2e
