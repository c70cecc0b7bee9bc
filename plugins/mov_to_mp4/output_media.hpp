// The MP4 muxer: output streams, header, interleaved writes, trailer.
#ifndef SB_MP4_OUTPUT_MEDIA_HPP
#define SB_MP4_OUTPUT_MEDIA_HPP

#include "ffmpeg.hpp"
#include "metadata_copier.hpp"

#include <sb/converter.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace sb::mp4 {

// Writes `path` as MP4 (moov before mdat: faststart, or space reserved for it
// up front when the caller can bound its size).
//
// Output streams are reserved as *slots* in input order before anything is known
// about them; a slot is opened once its encoder is (encoders open on their first
// decoded frame, like ffmpeg's), or dropped when its input never yields a frame.
// The header is written when no slot is pending any more; packets that arrive
// before that are queued. Single-threaded: used from the job's thread only.
class OutputMedia {
public:
    // `tags`: which container and track tags are kept (--strip-location, --strip-metadata).
    OutputMedia(const std::string &path, const sb::sdk::Job &job, TagPolicy tags);
    OutputMedia(const OutputMedia &) = delete;
    OutputMedia &operator=(const OutputMedia &) = delete;

    const AVOutputFormat *format() const noexcept { return ctx_->oformat; }
    bool needs_global_header() const noexcept { return (ctx_->oformat->flags & AVFMT_GLOBALHEADER) != 0; }

    // Reserves the next output position for input stream `source`. All slots
    // must be added before all_slots_added(); the header waits for that.
    int add_slot(const AVStream &source);
    void all_slots_added();
    // Fixes the slot's codec parameters and time base. `source` metadata, language,
    // disposition and display matrix are carried over (metadata_copier.hpp);
    // `reencoded` = false keeps the source's side data and encoder name and, for
    // cover art, its attached-picture role. No-op for a dropped slot.
    void open_slot(int slot, const AVCodecParameters &params, AVRational time_base, AVRational frame_rate,
                   bool reencoded);
    void drop_slot(int slot);
    bool is_open(int slot) const noexcept { return slots_[slot].state == SlotState::open; }
    bool is_dropped(int slot) const noexcept { return slots_[slot].state == SlotState::dropped; }
    std::vector<int> pending_slots() const;
    int slot_count() const noexcept { return static_cast<int>(slots_.size()); }
    const AVStream &slot_source(int slot) const noexcept { return *slots_[slot].source; }

    // Container tags (unless stripping) and chapters of `input`; decides
    // whether tags need QuickTime mdta keys. Call before the first slot opens.
    void copy_container(const AVFormatContext &input);
    // Reserve `bytes` after ftyp for the moov box instead of moving it there at
    // the end (faststart rewrites the whole file once more). Only for a bound
    // the caller is sure of: a moov that does not fit fails the trailer.
    void reserve_moov(std::int64_t bytes) noexcept { moov_reserve_ = bytes; }

    // Takes the packet's payload. `time_base` is the packet's. Timestamps are
    // rescaled and made strictly increasing in dts (broken inputs would otherwise
    // fail with 'non monotonically increasing dts'). Discarded for dropped slots.
    void write(int slot, AVPacket &packet, AVRational time_base);

    bool header_written() const noexcept { return header_written_; }
    // True when so much is queued behind a pending slot that waiting longer would
    // only pile up memory; the caller then decides what to drop.
    bool queue_over_limit() const noexcept;

    // Writes the header if still pending, flushes the interleaver, writes the
    // trailer (faststart moves moov to the front here) and closes the file.
    void finish();

    std::int64_t timestamp_fixes() const noexcept { return timestamp_fixes_; }
    std::int64_t video_packets_written() const noexcept { return video_packets_; }

private:
    enum class SlotState { pending, open, dropped };
    struct Slot {
        const AVStream *source = nullptr;
        SlotState state = SlotState::pending;
        CodecParametersPtr params;
        AVRational time_base{0, 1};
        AVRational frame_rate{0, 1};
        bool reencoded = true;
        AVStream *stream = nullptr;
        std::int64_t last_dts = AV_NOPTS_VALUE;
        // The latest packet is held back until the next one (or the end) so the
        // last one's duration can be fixed up; see release_held().
        PacketPtr held;
        bool holding = false;
        std::int64_t first_pts = AV_NOPTS_VALUE, first_dts = AV_NOPTS_VALUE;
        std::int64_t end_pts = AV_NOPTS_VALUE; // max(pts + duration)
    };
    struct Queued {
        int slot;
        PacketPtr packet;
        AVRational time_base;
    };

    void write_header_if_ready();
    void write_now(Slot &slot, AVPacket &packet, AVRational time_base);
    void release_held(Slot &slot, bool last);

    void set_stream_details(Slot &slot, AVStream &st);

    const sb::sdk::Job &job_;
    TagPolicy tags_;
    OutputContextPtr ctx_;
    std::vector<Slot> slots_;
    std::deque<Queued> queue_;
    std::size_t queued_bytes_ = 0;
    bool header_written_ = false;
    bool slots_complete_ = false;
    std::int64_t timestamp_fixes_ = 0;
    std::int64_t video_packets_ = 0;
    double position_seconds_ = 0.0;
    double reported_seconds_ = -1.0;
    bool quicktime_keys_ = false;
    std::string orphan_timecode_; // a tmcd track's timecode for the first video track
    std::int64_t moov_reserve_ = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_OUTPUT_MEDIA_HPP
