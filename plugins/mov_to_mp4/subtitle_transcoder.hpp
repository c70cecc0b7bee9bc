// Text subtitles (SubRip, ASS, WebVTT...) -> mov_text, the one MP4 players read.
#ifndef SB_MP4_SUBTITLE_TRANSCODER_HPP
#define SB_MP4_SUBTITLE_TRANSCODER_HPP

#include "output_media.hpp"
#include "stream_handler.hpp"

#include <sb/converter.hpp>

#include <cstdint>
#include <vector>

namespace sb::mp4 {

// Decodes each cue to text and encodes it as mov_text (tx3g), timed in
// milliseconds. Styling mov_text cannot express (fonts, positions) is lost;
// bold/italic/underline and colours survive. The muxer fills the gaps between
// cues with empty samples itself. A cue the decoder rejects is skipped and
// counted.
class SubtitleTranscoder final : public StreamHandler {
public:
    // Throws sb::sdk::Error naming the stream when the decoder or the mov_text
    // encoder cannot be opened.
    SubtitleTranscoder(const AVStream &stream, OutputMedia &output, int slot, const sb::sdk::Job &job);

    void handle_packet(AVPacket &packet) override;
    void finish() override {}
    std::int64_t undecodable_packets() const noexcept override { return errors_; }
    std::int64_t packets_seen() const noexcept override { return packets_; }

private:
    const AVStream &stream_;
    OutputMedia &output_;
    int slot_;
    const sb::sdk::Job &job_;
    CodecContextPtr decoder_;
    CodecContextPtr encoder_;
    DecodedSubtitle cue_;
    std::vector<std::uint8_t> buffer_;
    PacketPtr packet_ = make_packet();
    std::int64_t errors_ = 0;
    std::int64_t packets_ = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_SUBTITLE_TRANSCODER_HPP
