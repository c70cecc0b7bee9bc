#include "packet_copier.hpp"

#include "decoder.hpp"
#include "input_media.hpp"

namespace sb::mp4 {

void require_copyable(const AVStream &stream, const AVOutputFormat &format) {
    if (avformat_query_codec(&format, stream.codecpar->codec_id, FF_COMPLIANCE_NORMAL) != 1)
        throw sb::sdk::Error(stream_label(stream, stream.index) + " " + describe_codec(stream) +
                             " cannot be copied into MP4 (use --audio aac)");
}

PacketCopier::PacketCopier(const AVStream &stream, OutputMedia &output, int slot)
    : stream_(stream), output_(output), slot_(slot) {
    require_copyable(stream, *output.format());
    CodecParametersPtr params = make_codec_parameters();
    if (avcodec_parameters_copy(params.get(), stream.codecpar) < 0) throw std::bad_alloc();
    // The input container's tag may mean nothing in MP4; the muxer picks its own.
    params->codec_tag = 0;
    output.open_slot(slot, *params, stream.time_base, AVRational{0, 1}, false);
}

void PacketCopier::handle_packet(AVPacket &packet) {
    ++packets_;
    if (packet.pts == AV_NOPTS_VALUE && packet.dts == AV_NOPTS_VALUE) return; // cannot be placed in time
    output_.write(slot_, packet, stream_.time_base);
}

} // namespace sb::mp4
