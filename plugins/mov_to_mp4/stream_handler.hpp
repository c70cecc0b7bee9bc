// What the packet loop feeds: one handler per mapped input stream.
#ifndef SB_MP4_STREAM_HANDLER_HPP
#define SB_MP4_STREAM_HANDLER_HPP

extern "C" {
#include <libavcodec/packet.h>
}

#include <cstdint>

namespace sb::mp4 {

class StreamHandler {
public:
    virtual ~StreamHandler() = default;
    // One demuxed packet of this handler's stream, in the input stream's time base
    // and already shifted so the input starts at 0. The handler may consume it.
    virtual void handle_packet(AVPacket &packet) = 0;
    // End of input: drain decoder, filters and encoder into the output.
    virtual void finish() = 0;
    // Packets the decoder rejected (damaged data), skipped rather than fatal.
    virtual std::int64_t undecodable_packets() const noexcept { return 0; }
    // Packets of this stream the demuxer delivered at all.
    virtual std::int64_t packets_seen() const noexcept = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_STREAM_HANDLER_HPP
