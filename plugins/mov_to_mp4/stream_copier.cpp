#include "stream_copier.hpp"

#include "input_media.hpp"

namespace sb::mp4 {

StreamCopier::StreamCopier(const AVStream &stream, OutputMedia &output, int slot)
    : output_(output), slot_(slot), still_picture_(is_attached_picture(stream)),
      // Demuxers give attached pictures a time base, but nothing depends on it.
      time_base_(stream.time_base.num > 0 && stream.time_base.den > 0 ? stream.time_base : AVRational{1, 90000}) {
    CodecParametersPtr params = make_codec_parameters();
    if (avcodec_parameters_copy(params.get(), stream.codecpar) < 0) throw std::bad_alloc();
    params->codec_tag = params->codec_id == AV_CODEC_ID_HEVC ? MKTAG('h', 'v', 'c', '1') : 0;
    output.open_slot(slot, *params, time_base_, still_picture_ ? AVRational{0, 1} : stream.avg_frame_rate, false);
}

void StreamCopier::handle_packet(AVPacket &packet) {
    ++packets_;
    if (still_picture_) {
        // Cover art is one picture without a place in time; the muxer stores it as 'covr'.
        packet.pts = packet.dts = 0;
    } else if (packet.pts == AV_NOPTS_VALUE && packet.dts == AV_NOPTS_VALUE) {
        return; // cannot be placed in time
    }
    output_.write(slot_, packet, time_base_);
}

} // namespace sb::mp4
