// One input stream's decoder, tolerant of damaged packets.
#ifndef SB_MP4_DECODER_HPP
#define SB_MP4_DECODER_HPP

#include "ffmpeg.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace sb::mp4 {

class Decoder {
public:
    // Opens the decoder for `stream` (input index `index`). Throws sb::sdk::Error
    // naming the stream when no decoder exists or it cannot be opened.
    Decoder(const AVStream &stream, int index, int threads);

    using FrameSink = std::function<void(AVFrame &)>;

    // Decodes one packet and hands every frame it completes to `sink`, with
    // frame.pts set to the best-effort timestamp (stream time base). A packet the
    // decoder rejects is skipped and counted, never thrown.
    void decode(const AVPacket &packet, const FrameSink &sink);
    // Drains the frames the decoder still holds (end of input).
    void flush(const FrameSink &sink);

    AVCodecContext &context() const noexcept { return *ctx_; }
    std::int64_t errors() const noexcept { return errors_; }
    std::int64_t frames() const noexcept { return frames_; }

private:
    // Returns false when receive_frame reported an error (counted).
    bool receive_all(const FrameSink &sink, bool draining);

    CodecContextPtr ctx_;
    FramePtr frame_ = make_frame();
    std::int64_t errors_ = 0;
    std::int64_t frames_ = 0;
};

// "video stream #0" — how failures name a stream.
std::string stream_label(const AVStream &stream, int index);

} // namespace sb::mp4

#endif // SB_MP4_DECODER_HPP
