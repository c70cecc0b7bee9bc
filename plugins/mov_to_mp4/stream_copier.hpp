// Stream copy: packets go into the MP4 as they are (no decoding).
#ifndef SB_MP4_STREAM_COPIER_HPP
#define SB_MP4_STREAM_COPIER_HPP

#include "output_media.hpp"
#include "stream_handler.hpp"

namespace sb::mp4 {

// Copies one video, audio, subtitle (mov_text) or cover-art stream. The output
// slot opens at once with the input's codec parameters; HEVC is tagged hvc1
// (Apple players refuse hev1), other tags are left to the muxer since the input
// container's tag may mean nothing in MP4. Timestamps keep their time base, so
// a variable frame rate and edit-list offsets survive; OutputMedia repairs
// non-increasing ones. A video packet without a decode time (Matroska stores
// presentation times only, so the first B-frame packets have none) gets one
// guessed like ffmpeg does, since MP4 needs both. The caller checked that MP4
// can hold the codec.
class StreamCopier final : public StreamHandler {
public:
    StreamCopier(const AVStream &stream, OutputMedia &output, int slot);
    void handle_packet(AVPacket &packet) override;
    void finish() override {}
    std::int64_t packets_seen() const noexcept override { return packets_; }

private:
    void fill_decode_time(AVPacket &packet);

    OutputMedia &output_;
    int slot_;
    bool still_picture_;
    AVRational time_base_;
    int video_delay_;                 // frames the decoder holds back (B-frame reordering)
    std::int64_t frame_duration_ = 1; // nominal, in time_base_, for packets without a duration
    std::int64_t next_dts_ = AV_NOPTS_VALUE;
    std::int64_t packets_ = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_STREAM_COPIER_HPP
