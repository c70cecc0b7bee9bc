#include "encoder_selection.hpp"

#include <sb/converter.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>
#include <string_view>

namespace sb::mp4 {
namespace {

int preset_index(const std::string &preset) {
    static constexpr std::string_view kOrder[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                                  "medium",    "slow",      "slower",   "veryslow"};
    for (int i = 0; i < 9; ++i)
        if (kOrder[i] == preset) return i;
    return 5;
}

// CRF is on x264's 0..51 scale; stretch it linearly onto other encoders' scales
// so the same -q means roughly the same place between "lossless" and "worst".
int scale_crf(int crf, int max) { return static_cast<int>(std::lround(crf * static_cast<double>(max) / 51.0)); }

// The pixel format a hardware encoder is fed (before upload): NV12 for 8-bit,
// P010 for 10-bit HEVC. Anything else is not what these encoders (or the
// players of their output) handle, so it is refused up front.
AVPixelFormat hardware_pixel_format(const Mp4Settings &s, HwAccel family) {
    const AVPixelFormat eight_bit = family == HwAccel::nvenc ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_NV12;
    if (s.pix_fmt.empty() || s.pix_fmt == "yuv420p") return eight_bit;
    if (s.pix_fmt == "yuv420p10le" && s.codec == VideoCodec::h265) return AV_PIX_FMT_P010LE;
    throw sb::sdk::Error("--pix-fmt " + s.pix_fmt + ": --hw " + to_string(family) + " encodes " + to_string(s.codec) +
                         " only as yuv420p" + (s.codec == VideoCodec::h265 ? " or yuv420p10le" : "") +
                         " (drop --hw or pick one of those)");
}

// The software encoder must list the format; all of --pix-fmt's choices are in
// libx264/libx265/libvpx-vp9's lists today, but a differently built FFmpeg may
// lack e.g. 10-bit x264.
AVPixelFormat software_pixel_format(const Mp4Settings &s, const std::string &encoder) {
    if (s.pix_fmt.empty()) return AV_PIX_FMT_YUV420P;
    const AVPixelFormat wanted = av_get_pix_fmt(s.pix_fmt.c_str());
    const AVCodec *codec = avcodec_find_encoder_by_name(encoder.c_str());
    if (codec == nullptr || codec->pix_fmts == nullptr) return wanted;
    std::string supported;
    for (const AVPixelFormat *f = codec->pix_fmts; *f != AV_PIX_FMT_NONE; ++f) {
        if (*f == wanted) return wanted;
        if (const char *name = av_get_pix_fmt_name(*f)) supported += std::string(supported.empty() ? "" : " ") + name;
    }
    throw sb::sdk::Error("--pix-fmt " + s.pix_fmt + ": " + encoder + " cannot encode it (it takes " + supported + ")");
}

} // namespace

std::vector<HwAccel> hardware_families(VideoCodec codec) {
    if (codec == VideoCodec::vp9) return {HwAccel::qsv, HwAccel::vaapi}; // NVENC has no VP9 encoder
    return {HwAccel::nvenc, HwAccel::qsv, HwAccel::vaapi};
}

VideoEncoderChoice choose_video_encoder(const Mp4Settings &s) {
    return choose_video_encoder(s, s.hw == HwAccel::auto_select ? HwAccel::none : s.hw);
}

VideoEncoderChoice choose_video_encoder(const Mp4Settings &s, HwAccel family) {
    VideoEncoderChoice c;
    c.hvc1_tag = s.codec == VideoCodec::h265;
    c.family = family;
    switch (family) {
    case HwAccel::auto_select:
        throw sb::sdk::Error("internal: --hw auto must be resolved before choosing an encoder");
    case HwAccel::none:
        c.name = s.codec == VideoCodec::h264 ? "libx264" : s.codec == VideoCodec::h265 ? "libx265" : "libvpx-vp9";
        c.sw_format = software_pixel_format(s, c.name);
        return c;
    case HwAccel::nvenc:
        if (s.codec == VideoCodec::vp9) throw sb::sdk::Error("--hw nvenc cannot encode vp9 (use --codec h264 or h265)");
        c.name = s.codec == VideoCodec::h264 ? "h264_nvenc" : "hevc_nvenc";
        break;
    case HwAccel::qsv:
        c.name = s.codec == VideoCodec::h264 ? "h264_qsv" : s.codec == VideoCodec::h265 ? "hevc_qsv" : "vp9_qsv";
        break;
    case HwAccel::vaapi:
        c.name = s.codec == VideoCodec::h264 ? "h264_vaapi" : s.codec == VideoCodec::h265 ? "hevc_vaapi" : "vp9_vaapi";
        c.upload_device = AV_HWDEVICE_TYPE_VAAPI;
        break;
    }
    c.sw_format = hardware_pixel_format(s, family);
    return c;
}

std::string describe_video_encoding(const Mp4Settings &s, const VideoEncoderChoice &choice) {
    const char *pix = av_get_pix_fmt_name(choice.sw_format);
    std::string text = choice.name + " " + (pix != nullptr ? pix : "?") + ", ";
    text += s.video_bitrate ? std::to_string(*s.video_bitrate / 1000) + " kb/s" : "crf " + std::to_string(s.crf);
    return text + ", preset " + s.preset;
}

std::string configure_video_encoder(AVCodecContext &enc, Dictionary &options, const Mp4Settings &s,
                                    const VideoEncoderChoice &choice, int threads) {
    enc.thread_count = threads;
    const int speed = preset_index(s.preset); // 0 = ultrafast .. 8 = veryslow
    std::string rate = s.video_bitrate ? std::to_string(*s.video_bitrate / 1000) + " kb/s" : "crf " + std::to_string(s.crf);
    if (s.video_bitrate) enc.bit_rate = *s.video_bitrate;

    if (choice.name == "libx264" || choice.name == "libx265") {
        options.set("preset", s.preset);
        if (!s.video_bitrate) options.set("crf", std::to_string(s.crf));
        if (choice.name == "libx265") {
            // libx265 ignores thread_count; its worker pool size is the budget.
            // x265 prints to stderr itself, so keep it to errors.
            options.set("x265-params", "log-level=error:pools=" + std::to_string(threads));
        }
        return rate + ", preset " + s.preset;
    }
    if (choice.name == "libvpx-vp9") {
        // Constant quality needs b:v 0 with libvpx. Presets map to libvpx's
        // deadline/cpu-used: the three fastest use realtime mode (cpu-used 8/7/6),
        // the rest "good" quality with cpu-used 5 (faster) down to 0 (veryslow).
        if (!s.video_bitrate) {
            enc.bit_rate = 0;
            options.set("crf", std::to_string(scale_crf(s.crf, 63)));
        }
        const bool realtime = speed <= 2;
        const int cpu_used = 8 - speed; // realtime 8,7,6 | good 5,4,3,2,1,0
        options.set("deadline", realtime ? "realtime" : "good");
        options.set("cpu-used", std::to_string(cpu_used));
        options.set("row-mt", "1");
        return rate + " (vp9 crf " + std::to_string(scale_crf(s.crf, 63)) + "), deadline " +
               (realtime ? "realtime" : "good") + ", cpu-used " + std::to_string(cpu_used);
    }
    if (choice.name.ends_with("_nvenc")) {
        static constexpr const char *kNvPresets[] = {"p1", "p1", "p2", "p3", "p3", "p4", "p5", "p6", "p7"};
        options.set("preset", kNvPresets[speed]);
        options.set("rc", "vbr");
        if (!s.video_bitrate) {
            enc.bit_rate = 0;
            options.set("cq", std::to_string(s.crf));
        }
        return rate + ", preset " + kNvPresets[speed];
    }
    if (choice.name.ends_with("_qsv")) {
        // QSV knows veryfast..veryslow; the two faster x264 names map to veryfast.
        const std::string preset = speed <= 2 ? "veryfast" : s.preset;
        options.set("preset", preset);
        if (!s.video_bitrate) enc.global_quality = choice.name == "vp9_qsv" ? scale_crf(s.crf, 255) : s.crf;
        return rate + ", preset " + preset;
    }
    if (choice.name.ends_with("_vaapi")) {
        // VAAPI has no presets; quality is constant QP (VP9 uses a 0..255 scale).
        const int qp = choice.name == "vp9_vaapi" ? scale_crf(s.crf, 255) : s.crf;
        if (s.video_bitrate) {
            options.set("rc_mode", "VBR");
        } else {
            options.set("rc_mode", "CQP");
            enc.global_quality = qp;
            options.set("qp", std::to_string(qp));
        }
        return rate + " (qp " + std::to_string(qp) + ")";
    }
    return rate;
}

const char *audio_encoder_name(AudioMode mode) noexcept { return mode == AudioMode::mp3 ? "libmp3lame" : "aac"; }

std::int64_t clamp_audio_bitrate(AudioMode mode, std::int64_t requested, int sample_rate, int channels) noexcept {
    channels = std::max(channels, 1);
    if (mode == AudioMode::mp3) {
        // MPEG-1 (32-48 kHz) 32..320k, MPEG-2 (16-24 kHz) 8..160k, MPEG-2.5 8..64k.
        const std::int64_t max = sample_rate >= 32000 ? 320000 : sample_rate >= 16000 ? 160000 : 64000;
        const std::int64_t min = sample_rate >= 32000 ? 32000 : 8000;
        return std::clamp(requested, min, max);
    }
    // AAC carries at most 6144 bits per channel per 1024-sample frame.
    const std::int64_t max = 6144LL * channels * sample_rate / 1024;
    return std::clamp<std::int64_t>(requested, 8000, std::max<std::int64_t>(max, 8000));
}

} // namespace sb::mp4
