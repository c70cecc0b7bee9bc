// Opening the input file and describing its streams.
#ifndef SB_MP4_INPUT_MEDIA_HPP
#define SB_MP4_INPUT_MEDIA_HPP

#include "ffmpeg.hpp"

#include <sb/converter.hpp>

#include <cstdint>
#include <string>

namespace sb::mp4 {

// One opened input: demuxer plus stream info. Throws sb::sdk::Error with a
// user-facing reason when the file cannot be read (empty, not media, truncated),
// sb::sdk::Cancelled when the job is cancelled while opening.
class InputMedia {
public:
    InputMedia(const std::string &path, const sb::sdk::Job &job);
    InputMedia(const InputMedia &) = delete;
    InputMedia &operator=(const InputMedia &) = delete;

    AVFormatContext *context() const noexcept { return ctx_.get(); }
    AVStream *stream(int index) const noexcept { return ctx_->streams[index]; }
    int stream_count() const noexcept { return static_cast<int>(ctx_->nb_streams); }

    // Container duration in seconds, or -1 when unknown.
    double duration_seconds() const noexcept;
    // The input's first timestamp (AV_TIME_BASE units), subtracted from all
    // timestamps so the output starts at 0 like ffmpeg's default; 0 if unknown.
    std::int64_t start_time() const noexcept;

private:
    InputContextPtr ctx_;
};

// True for a video stream that is really a still image (cover art, thumbnail).
bool is_attached_picture(const AVStream &stream) noexcept;

// True when the demuxer reports encrypted (DRM) content: decoding it would only
// give garbage, so the file is refused with that reason.
bool is_drm_protected(const AVFormatContext &ctx) noexcept;

// Why the file cannot be a video at all though FFmpeg opened it, or "": a single
// picture (a PNG or JPEG renamed .mov opens as a one-frame image stream).
std::string why_not_a_video_file(const AVFormatContext &ctx);

// "hdmv_pgs_subtitle", or for codec-less (and opaque bin_data) tracks their
// tag "(tmcd)", "(gpmd)" or the attachment's MIME type "(application/x-truetype-font)".
std::string describe_codec(const AVStream &stream);

} // namespace sb::mp4

#endif // SB_MP4_INPUT_MEDIA_HPP
