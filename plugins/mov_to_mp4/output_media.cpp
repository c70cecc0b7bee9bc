#include "output_media.hpp"

#include "ffmpeg.hpp"
#include "metadata_copier.hpp"

#include <algorithm>

namespace sb::mp4 {
namespace {

// Enough for any sane interleaving delay; a slot still pending after this much
// never produced a frame while the others went on.
constexpr std::size_t kMaxQueuedBytes = 64u << 20;
constexpr std::size_t kMaxQueuedPackets = 4096;

// Progress is a host call; media time moving by this much is worth one.
constexpr double kProgressStepSeconds = 0.1;

} // namespace

OutputMedia::OutputMedia(const std::string &path, const sb::sdk::Job &job, TagPolicy tags) : job_(job), tags_(tags) {
    // The url is kept by the context: faststart re-opens the file by it to move
    // the moov box to the front.
    const std::string url = "file:" + path;
    AVFormatContext *raw = nullptr;
    check(avformat_alloc_output_context2(&raw, nullptr, "mp4", url.c_str()), "cannot set up the MP4 muxer");
    ctx_.reset(raw);
    ctx_->interrupt_callback = interrupt_callback_for(job);
    check(avio_open2(&ctx_->pb, url.c_str(), AVIO_FLAG_WRITE, &ctx_->interrupt_callback, nullptr),
          "cannot create the output file", job);
}

int OutputMedia::add_slot(const AVStream &source) {
    if (slots_complete_) throw sb::sdk::Error("internal: output stream added after the stream list was closed");
    Slot slot;
    slot.source = &source;
    slots_.push_back(std::move(slot));
    return static_cast<int>(slots_.size()) - 1;
}

void OutputMedia::open_slot(int index, const AVCodecParameters &params, AVRational time_base,
                            AVRational frame_rate, bool reencoded) {
    Slot &slot = slots_[index];
    if (slot.state != SlotState::pending) return;
    slot.params = make_codec_parameters();
    check(avcodec_parameters_copy(slot.params.get(), &params), "cannot copy stream parameters");
    slot.time_base = time_base;
    slot.frame_rate = frame_rate;
    slot.reencoded = reencoded;
    slot.state = SlotState::open;
    write_header_if_ready();
}

void OutputMedia::all_slots_added() {
    slots_complete_ = true;
    write_header_if_ready();
}

void OutputMedia::drop_slot(int index) {
    Slot &slot = slots_[index];
    if (slot.state != SlotState::pending) return;
    slot.state = SlotState::dropped;
    write_header_if_ready();
}

std::vector<int> OutputMedia::pending_slots() const {
    std::vector<int> pending;
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i].state == SlotState::pending) pending.push_back(static_cast<int>(i));
    return pending;
}

void OutputMedia::copy_container(const AVFormatContext &input) {
    copy_container_metadata(input, *ctx_, tags_);
    copy_chapters(input, *ctx_);
    quicktime_keys_ = needs_quicktime_keys(ctx_->metadata);
    if (tags_ != TagPolicy::drop_all && av_dict_get(ctx_->metadata, "timecode", nullptr, 0) == nullptr) {
        if (const char *tc = orphan_timecode(input)) orphan_timecode_ = tc;
    }
}

bool OutputMedia::queue_over_limit() const noexcept {
    return !header_written_ && (queued_bytes_ > kMaxQueuedBytes || queue_.size() > kMaxQueuedPackets);
}

void OutputMedia::write_header_if_ready() {
    if (header_written_ || !slots_complete_) return;
    if (std::any_of(slots_.begin(), slots_.end(), [](const Slot &s) { return s.state == SlotState::pending; }))
        return;
    bool any_open = false;
    for (Slot &slot : slots_) {
        if (slot.state != SlotState::open) continue;
        any_open = true;
        AVStream *st = avformat_new_stream(ctx_.get(), nullptr);
        if (st == nullptr) throw std::bad_alloc();
        check(avcodec_parameters_copy(st->codecpar, slot.params.get()), "cannot copy stream parameters");
        st->time_base = slot.time_base;
        st->sample_aspect_ratio = slot.params->sample_aspect_ratio;
        if (slot.frame_rate.num > 0 && slot.frame_rate.den > 0) st->avg_frame_rate = slot.frame_rate;
        set_stream_details(slot, *st);
        slot.stream = st;
    }
    if (!any_open) throw sb::sdk::Error("nothing to write: no stream could be converted");
    Dictionary options;
    // mdta keys carry what the iTunes-style tags cannot (Apple's
    // com.apple.quicktime.* keys, make, model); they replace those tags, so they
    // are used only when needed.
    std::string flags = quicktime_keys_ ? "+use_metadata_tags" : "";
    if (moov_reserve_ > 0) options.set("moov_size", std::to_string(moov_reserve_));
    else flags += "+faststart";
    if (!flags.empty()) options.set("movflags", flags);
    check(avformat_write_header(ctx_.get(), options.out()), "cannot write the MP4 header", job_);
    header_written_ = true;
    while (!queue_.empty()) {
        Queued queued = std::move(queue_.front());
        queue_.pop_front();
        Slot &slot = slots_[queued.slot];
        if (slot.state == SlotState::open) write_now(slot, *queued.packet, queued.time_base);
    }
    queued_bytes_ = 0;
}

void OutputMedia::set_stream_details(Slot &slot, AVStream &st) {
    const AVStream &source = *slot.source;
    copy_stream_metadata(source, st, slot.reencoded, tags_);
    copy_stream_side_data(source, st, slot.reencoded);
    const bool cover_art = !slot.reencoded && (source.disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
    st.disposition = cover_art ? source.disposition : source.disposition & ~AV_DISPOSITION_ATTACHED_PIC;
    // A tmcd track nobody referenced: its timecode goes on the first video
    // track, from which the muxer writes a tmcd track again.
    if (!orphan_timecode_.empty() && st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !cover_art &&
        av_dict_get(st.metadata, "timecode", nullptr, 0) == nullptr) {
        check(av_dict_set(&st.metadata, "timecode", orphan_timecode_.c_str(), 0), "cannot set the timecode");
        orphan_timecode_.clear();
    }
}

void OutputMedia::write(int index, AVPacket &packet, AVRational time_base) {
    Slot &slot = slots_[index];
    if (slot.state == SlotState::dropped) {
        av_packet_unref(&packet);
        return;
    }
    if (!header_written_) {
        PacketPtr copy = make_packet();
        av_packet_move_ref(copy.get(), &packet);
        queued_bytes_ += static_cast<std::size_t>(copy->size);
        queue_.push_back(Queued{index, std::move(copy), time_base});
        return;
    }
    write_now(slot, packet, time_base);
}

void OutputMedia::write_now(Slot &slot, AVPacket &packet, AVRational time_base) {
    AVStream *st = slot.stream;
    av_packet_rescale_ts(&packet, time_base, st->time_base);
    packet.stream_index = st->index;
    if (packet.dts == AV_NOPTS_VALUE) packet.dts = packet.pts;
    if (packet.dts != AV_NOPTS_VALUE && slot.last_dts != AV_NOPTS_VALUE && packet.dts <= slot.last_dts) {
        ++timestamp_fixes_;
        packet.dts = slot.last_dts + 1;
    }
    if (packet.pts == AV_NOPTS_VALUE || (packet.dts != AV_NOPTS_VALUE && packet.pts < packet.dts)) packet.pts = packet.dts;
    if (packet.dts != AV_NOPTS_VALUE) slot.last_dts = packet.dts;

    if (slot.first_dts == AV_NOPTS_VALUE) {
        slot.first_dts = packet.dts;
        slot.first_pts = packet.pts;
    }
    if (packet.pts != AV_NOPTS_VALUE) {
        const std::int64_t end = packet.pts + std::max<std::int64_t>(packet.duration, 0);
        slot.end_pts = slot.end_pts == AV_NOPTS_VALUE ? end : std::max(slot.end_pts, end);
        position_seconds_ = std::max(position_seconds_, static_cast<double>(end) * av_q2d(st->time_base));
    }
    release_held(slot, false);
    if (!slot.held) slot.held = make_packet();
    av_packet_move_ref(slot.held.get(), &packet);
    slot.holding = true;
    if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) ++video_packets_;
    if (position_seconds_ - reported_seconds_ >= kProgressStepSeconds) {
        reported_seconds_ = position_seconds_;
        job_.report_progress(position_seconds_, video_packets_);
    }
}

void OutputMedia::release_held(Slot &slot, bool last) {
    if (!slot.holding) return;
    slot.holding = false;
    AVPacket &packet = *slot.held;
    if (last && slot.end_pts != AV_NOPTS_VALUE && packet.dts != AV_NOPTS_VALUE && slot.first_dts != AV_NOPTS_VALUE) {
        // MP4 track length is counted in decode order: last dts + its duration.
        // With B-frames and a variable frame rate the reorder delay at the end can
        // exceed the one at the start, so stretch the last sample until the track
        // covers the last frame's presentation end. Never shortens anything.
        const std::int64_t wanted = slot.end_pts - (slot.first_pts - slot.first_dts) - packet.dts;
        if (wanted > packet.duration) packet.duration = wanted;
    }
    check(av_interleaved_write_frame(ctx_.get(), &packet), "cannot write the output", job_);
}

void OutputMedia::finish() {
    all_slots_added();
    for (Slot &slot : slots_)
        if (slot.state == SlotState::open) release_held(slot, true);
    check(av_write_trailer(ctx_.get()), "cannot finish the output", job_);
    check(avio_closep(&ctx_->pb), "cannot close the output", job_);
    job_.report_progress(position_seconds_, video_packets_);
}

} // namespace sb::mp4
