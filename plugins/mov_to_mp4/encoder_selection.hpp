// Which FFmpeg encoder a setting combination means, and how to configure it.
#ifndef SB_MP4_ENCODER_SELECTION_HPP
#define SB_MP4_ENCODER_SELECTION_HPP

#include "ffmpeg.hpp"
#include "mp4_options.hpp"

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/pixfmt.h>
}

#include <string>
#include <vector>

namespace sb::mp4 {

struct VideoEncoderChoice {
    std::string name;                       // "libx264", "hevc_nvenc", "vp9_vaapi"...
    AVPixelFormat sw_format = AV_PIX_FMT_YUV420P; // what the filter graph converts to (before any upload)
    AVHWDeviceType upload_device = AV_HWDEVICE_TYPE_NONE; // != NONE: the graph uploads to this device
    bool hvc1_tag = false;                  // HEVC tagged hvc1 (what Apple players require)
    HwAccel family = HwAccel::none;         // the --hw family (none = software encoder)
};

// The encoder of `family` (never HwAccel::auto_select) for settings.codec and
// settings.pix_fmt. Throws sb::sdk::Error with a one-line reason for combinations
// that do not exist (vp9 + nvenc) or a pixel format the encoder cannot take
// (--pix-fmt yuv444p with a hardware encoder).
VideoEncoderChoice choose_video_encoder(const Mp4Settings &settings, HwAccel family);

// The encoder --hw asks for; with --hw auto the software one (hardware_probe
// decides whether a hardware family can replace it).
VideoEncoderChoice choose_video_encoder(const Mp4Settings &settings);

// The families --hw auto tries, in order, for a codec.
std::vector<HwAccel> hardware_families(VideoCodec codec);

// "libx264 yuv420p, crf 23, preset medium" without opening anything: for plans.
std::string describe_video_encoding(const Mp4Settings &settings, const VideoEncoderChoice &choice);

// Rate control, preset and threads for an allocated, not yet opened encoder.
// Generic fields go on `enc`, private options into `options` (for avcodec_open2).
// Returns a short human description ("crf 23, preset medium") for logs.
std::string configure_video_encoder(AVCodecContext &enc, Dictionary &options, const Mp4Settings &settings,
                                    const VideoEncoderChoice &choice, int threads);

// "aac" or "libmp3lame". Not valid for AudioMode::copy.
const char *audio_encoder_name(AudioMode mode) noexcept;

// The bitrate the audio encoder can actually take at this rate and channel count
// (MP3 caps per MPEG version, AAC caps per channel), closest to `requested`.
std::int64_t clamp_audio_bitrate(AudioMode mode, std::int64_t requested, int sample_rate, int channels) noexcept;

} // namespace sb::mp4

#endif // SB_MP4_ENCODER_SELECTION_HPP
