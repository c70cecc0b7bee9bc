// What the output keeps of the input's tags, chapters and per-track metadata.
#ifndef SB_MP4_METADATA_COPIER_HPP
#define SB_MP4_METADATA_COPIER_HPP

extern "C" {
#include <libavformat/avformat.h>
}

namespace sb::mp4 {

// What the output keeps of the input's tags: everything (default), everything
// but where it was shot (--strip-location), or nothing (--strip-metadata).
enum class TagPolicy { keep, drop_location, drop_all };

// Keys that say where a file was shot: QuickTime's ISO 6709 location (and its
// language variants), the iTunes "location"/©xyz, anything naming GPS.
bool is_location_tag(const char *key) noexcept;

// Container tags: everything but the demuxer's own bookkeeping (brands,
// "encoder": the muxer writes its own), filtered by `policy`. Chapters are kept
// in every case: they are part of the content.
void copy_container_metadata(const AVFormatContext &input, AVFormatContext &output, TagPolicy policy);

// True when `tags` hold keys the MP4 muxer's iTunes-style writer would drop
// (com.apple.quicktime.*, make, model, firmware...). Those need QuickTime
// 'mdta' keys: movflags use_metadata_tags.
bool needs_quicktime_keys(const AVDictionary *tags) noexcept;

// Copies chapters (times and titles) onto the output context, which owns them
// from then on (avformat_free_context frees them).
void copy_chapters(const AVFormatContext &input, AVFormatContext &output);

// One track's tags: language, title (also as the handler name, which is what
// MP4 players show), creation_time, timecode, and the rest, minus statistics
// that describe the input's packets and rotation markers the display matrix
// replaces. `reencoded` drops the input's encoder name; `policy` filters the rest.
void copy_stream_metadata(const AVStream &input, AVStream &output, bool reencoded, TagPolicy policy);

// Side data: a copied stream keeps all of it (HDR, Dolby Vision configuration,
// ...); a re-encoded one only the display matrix, since the rest described the
// old bitstream. The display matrix comes from display_rotation().
void copy_stream_side_data(const AVStream &input, AVStream &output, bool reencoded);

// The first `timecode` tag of a track the output does not keep (a QuickTime
// tmcd track nobody referenced), or nullptr.
const char *orphan_timecode(const AVFormatContext &input) noexcept;

} // namespace sb::mp4

#endif // SB_MP4_METADATA_COPIER_HPP
