// Which FFmpeg encoder a setting combination means, and how to configure it.
#ifndef SB_MP4_ENCODER_SELECTION_HPP
#define SB_MP4_ENCODER_SELECTION_HPP

#include "ffmpeg_ptr.hpp"
#include "mp4_options.hpp"

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/pixfmt.h>
}

#include <string>

namespace sb::mp4 {

struct VideoEncoderChoice {
    std::string name;                       // "libx264", "hevc_nvenc", "vp9_vaapi"...
    AVPixelFormat sw_format = AV_PIX_FMT_YUV420P; // what the filter graph converts to (before any upload)
    AVHWDeviceType upload_device = AV_HWDEVICE_TYPE_NONE; // != NONE: the graph uploads to this device
    bool hvc1_tag = false;                  // HEVC tagged hvc1 (what Apple players require)
};

// Throws sb::sdk::Error for combinations no encoder exists for (e.g. vp9 + nvenc).
VideoEncoderChoice choose_video_encoder(const Mp4Settings &settings);

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
