#include "audio_test_util.hpp"

#include "input_cache.hpp"
#include "plugin_module.hpp"
#include "subprocess.hpp"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/log.h>
}

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace sb::test {

namespace fs = std::filesystem;

namespace {

// The test binary plays the host, which owns FFmpeg's process-wide log: keep
// codec chatter out of the test output unless asked (SB_TEST_FFMPEG_LOG=1).
const bool kQuietFfmpeg = [] {
    const char *verbose = std::getenv("SB_TEST_FFMPEG_LOG");
    if (verbose == nullptr || *verbose == '\0' || *verbose == '0') av_log_set_level(AV_LOG_QUIET);
    return true;
}();

struct InputCloser {
    void operator()(AVFormatContext *ctx) const noexcept { avformat_close_input(&ctx); }
};

} // namespace

const sb_converter_desc *audio_converter() {
    static const sb_plugin_desc *plugin = plugin_of(plugin_entry_in(SB_AUDIO_PLUGIN_PATH));
    return converter_named(plugin, "audio");
}

const sb_option_desc *audio_option(const std::string &name) {
    const sb_converter_desc *desc = audio_converter();
    if (desc == nullptr) return nullptr;
    for (uint32_t i = 0; i < desc->option_count; ++i)
        if (name == desc->options[i].name) return &desc->options[i];
    return nullptr;
}

MediaSpec audio_only(const std::string &codec, int sample_rate, int channels, std::vector<std::string> extra) {
    MediaSpec spec;
    spec.duration = 0.5;
    spec.video_codec = "";
    spec.audio_codec = codec;
    spec.sample_rate = sample_rate;
    spec.channels = channels;
    spec.extra_args = std::move(extra);
    return spec;
}

MediaSpec small_clip() {
    MediaSpec spec;
    spec.duration = 0.5;
    spec.width = 64;
    spec.height = 48;
    spec.rate = "10";
    spec.sample_rate = 44100;
    return spec;
}

void make_input(const fs::path &out, const MediaSpec &spec) {
    std::string key = std::to_string(spec.duration) + "|" + std::to_string(spec.width) + "x" + std::to_string(spec.height) +
                      "|" + spec.rate + "|" + spec.video_codec + "|" + spec.pix_fmt + "|" + spec.audio_codec + "|" +
                      std::to_string(spec.sample_rate) + "|" + std::to_string(spec.channels) + "|" + spec.format;
    for (const auto &arg : spec.extra_args) key += "|" + arg;
    const std::string extension = out.extension().string();
    const fs::path entry =
        e2e::cached(e2e::stable_hash(key + extension), extension, [&](const fs::path &temp) { make_media(temp, spec); });
    e2e::copy_from_cache(entry, out);
}

int ffmpeg(const std::vector<std::string> &args, std::string *error) {
    e2e::Command c;
    c.argv = {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    const e2e::Completed r = e2e::run(c, e2e::milliseconds(60'000));
    if (r.exit_code != 0 && error != nullptr) *error = r.err;
    return r.exit_code;
}

AudioDetails audio_details(const fs::path &file, int ordinal) {
    AudioDetails d;
    AVFormatContext *raw = nullptr;
    if (avformat_open_input(&raw, ("file:" + file.string()).c_str(), nullptr, nullptr) < 0) return d;
    std::unique_ptr<AVFormatContext, InputCloser> ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0) return d;
    int index = -1;
    for (unsigned i = 0, seen = 0; i < ctx->nb_streams; ++i) {
        if (ctx->streams[i]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO) continue;
        if (static_cast<int>(seen++) == ordinal) {
            index = static_cast<int>(i);
            break;
        }
    }
    if (index < 0) return d;
    const AVStream &st = *ctx->streams[index];
    const char *fmt = av_get_sample_fmt_name(static_cast<AVSampleFormat>(st.codecpar->format));
    d.sample_format = fmt != nullptr ? fmt : "";
    d.bits_per_raw_sample = st.codecpar->bits_per_raw_sample;
    d.declared_bit_rate = st.codecpar->bit_rate;
    AVPacket *packet = av_packet_alloc();
    if (packet == nullptr) return d;
    while (av_read_frame(ctx.get(), packet) >= 0) {
        if (packet->stream_index == index) {
            d.payload_bytes += packet->size;
            d.payload_seconds += static_cast<double>(packet->duration) * av_q2d(st.time_base);
        }
        av_packet_unref(packet);
    }
    av_packet_free(&packet);
    d.ok = true;
    return d;
}

bool is_one_line(const std::string &text) { return !text.empty() && text.find('\n') == std::string::npos; }

void AudioTest::SetUp() {
    audio_ = audio_converter();
    ASSERT_NE(audio_, nullptr) << "audio converter not loaded";
}

fs::path AudioTest::make(const std::string &name, const MediaSpec &spec) {
    const fs::path out = file(name);
    try {
        make_input(out, spec);
    } catch (const std::exception &e) {
        ADD_FAILURE() << "cannot make " << name << ": " << e.what();
    }
    return out;
}

fs::path AudioTest::make_with_ffmpeg(const std::string &name, std::vector<std::string> args) {
    const fs::path out = file(name);
    std::string key;
    for (const auto &arg : args) key += arg + "|";
    const std::string extension = out.extension().string();
    try {
        const fs::path entry = e2e::cached(e2e::stable_hash(key + extension), extension, [&](const fs::path &temp) {
            std::vector<std::string> with_output = args;
            with_output.push_back(temp.string());
            std::string error;
            if (ffmpeg(with_output, &error) != 0) throw std::runtime_error("ffmpeg failed: " + error);
        });
        e2e::copy_from_cache(entry, out);
    } catch (const std::exception &e) {
        ADD_FAILURE() << "cannot make " << name << ": " << e.what();
    }
    return out;
}

sb_status AudioTest::convert(const fs::path &in, const fs::path &out) {
    const sb_status status = host_.convert(*audio_, in, out);
    if (!host_.error().empty()) std::cout << "  [host] error: " << host_.error() << "\n";
    for (const auto &w : host_.warnings()) std::cout << "  [host] warning: " << w << "\n";
    return status;
}

fs::path AudioTest::convert_to(const std::string &format, const fs::path &in) {
    host_.set_option("format", format);
    const fs::path out = file("out." + format);
    EXPECT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    return out;
}

bool AudioTest::logged(const std::string &needle) const {
    for (const auto &line : host_.logs())
        if (line.find(needle) != std::string::npos) return true;
    return false;
}

std::string AudioTest::warning_with(const std::string &needle) const {
    for (const auto &w : host_.warnings())
        if (w.find(needle) != std::string::npos) return w;
    return "";
}

void AudioTest::expect_failure(const fs::path &in, const std::string &reason, const fs::path &out_given) {
    const fs::path out = out_given.empty() ? file("out.m4a") : out_given;
    EXPECT_EQ(convert(in, out), SB_STATUS_FAILED);
    EXPECT_TRUE(is_one_line(host_.error())) << "'" << host_.error() << "'";
    EXPECT_NE(host_.error().find(reason), std::string::npos) << "expected '" << reason << "' in: " << host_.error();
    EXPECT_FALSE(fs::exists(out)) << "a refused input must not leave an output";
}

} // namespace sb::test
