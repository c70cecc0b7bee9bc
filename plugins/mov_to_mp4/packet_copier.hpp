// --audio copy: packets go into the MP4 as they are.
#ifndef SB_MP4_PACKET_COPIER_HPP
#define SB_MP4_PACKET_COPIER_HPP

#include "output_media.hpp"
#include "stream_handler.hpp"

namespace sb::mp4 {

// Throws sb::sdk::Error when MP4 cannot hold the stream's codec
// ("audio stream #1 pcm_s16le cannot be copied into MP4 (use --audio aac)").
void require_copyable(const AVStream &stream, const AVOutputFormat &format);

class PacketCopier final : public StreamHandler {
public:
    PacketCopier(const AVStream &stream, OutputMedia &output, int slot);
    void handle_packet(AVPacket &packet) override;
    void finish() override {}
    std::int64_t packets_seen() const noexcept override { return packets_; }

private:
    const AVStream &stream_;
    OutputMedia &output_;
    int slot_;
    std::int64_t packets_ = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_PACKET_COPIER_HPP
