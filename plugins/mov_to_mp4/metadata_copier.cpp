#include "metadata_copier.hpp"

#include "display_rotation.hpp"
#include "ffmpeg.hpp"

extern "C" {
#include <libavutil/mem.h>
}

#include <algorithm>
#include <array>
#include <initializer_list>
#include <span>
#include <cctype>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace sb::mp4 {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool one_of(std::string_view key, std::span<const std::string_view> names) {
    return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return equals_ignoring_case(key, n); });
}

bool one_of(std::string_view key, std::initializer_list<std::string_view> names) {
    return one_of(key, std::span<const std::string_view>(names.begin(), names.size()));
}

// Tags the demuxer derives from the input's own structure.
bool is_container_bookkeeping(std::string_view key) {
    return one_of(key, {"major_brand", "minor_version", "compatible_brands", "encoder"});
}

// "location-eng" next to "location": the demuxer's copy of a language-tagged
// QuickTime string. The muxer writes the language variant itself.
bool is_language_variant(std::string_view key, const AVDictionary *tags) {
    const auto dash = key.rfind('-');
    if (dash == std::string_view::npos || key.size() - dash != 4) return false;
    const std::string base(key.substr(0, dash));
    return av_dict_get(tags, base.c_str(), nullptr, 0) != nullptr;
}

// mkvmerge's statistics and Matroska's DURATION describe the input's packets
// and would be wrong after conversion; "rotate" becomes the display matrix.
bool is_stale_stream_tag(std::string_view key) {
    if (key.size() >= 11 && equals_ignoring_case(key.substr(0, 11), "_statistics")) return true;
    return one_of(key, {"duration", "bps", "number_of_frames", "number_of_bytes", "rotate"});
}

void set(AVDictionary **dict, const char *key, const char *value) {
    if (av_dict_set(dict, key, value, 0) < 0) throw std::bad_alloc();
}

void add_side_data(AVStream &output, AVPacketSideDataType type, const uint8_t *data, size_t size) {
    uint8_t *copy = av_stream_new_side_data(&output, type, size);
    if (copy == nullptr) throw std::bad_alloc();
    std::memcpy(copy, data, size);
}

bool contains_ignoring_case(std::string_view text, std::string_view part) {
    return std::search(text.begin(), text.end(), part.begin(), part.end(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           }) != text.end();
}

bool dropped_by(TagPolicy policy, const char *key) {
    return policy == TagPolicy::drop_all || (policy == TagPolicy::drop_location && is_location_tag(key));
}

} // namespace

bool is_location_tag(const char *key) noexcept {
    const std::string_view k = key;
    return contains_ignoring_case(k, "location") || contains_ignoring_case(k, "gps") ||
           equals_ignoring_case(k, "xyz") || equals_ignoring_case(k, "\xa9xyz") || equals_ignoring_case(k, "©xyz");
}

void copy_container_metadata(const AVFormatContext &input, AVFormatContext &output, TagPolicy policy) {
    const AVDictionaryEntry *e = nullptr;
    while ((e = av_dict_get(input.metadata, "", e, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
        if (dropped_by(policy, e->key)) continue;
        if (is_container_bookkeeping(e->key) || is_language_variant(e->key, input.metadata)) continue;
        set(&output.metadata, e->key, e->value);
    }
}

bool needs_quicktime_keys(const AVDictionary *tags) noexcept {
    // What movenc writes in MP4 mode without mdta keys (iTunes ilst, ©xyz, mvhd).
    static constexpr std::array<std::string_view, 31> kItunes = {
        "title",       "artist",       "album_artist",  "composer",    "album",      "date",
        "comment",     "genre",        "copyright",     "grouping",    "lyrics",     "description",
        "synopsis",    "show",         "episode_id",    "network",     "keywords",   "episode_sort",
        "season_number", "media_type", "hd_video",      "gapless_playback", "compilation", "track",
        "disc",        "tmpo",         "encoding_tool", "encoder",     "location",   "creation_time",
        "timecode"};
    const AVDictionaryEntry *e = nullptr;
    while ((e = av_dict_get(tags, "", e, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
        const std::string_view key = e->key;
        if (!one_of(key, kItunes) && !is_language_variant(key, tags)) return true;
    }
    return false;
}

void copy_chapters(const AVFormatContext &input, AVFormatContext &output) {
    if (input.nb_chapters == 0) return;
    auto **list = static_cast<AVChapter **>(av_calloc(input.nb_chapters, sizeof(AVChapter *)));
    if (list == nullptr) throw std::bad_alloc();
    // From here the output context owns `list` and each chapter in it.
    output.chapters = list;
    for (unsigned i = 0; i < input.nb_chapters; ++i) {
        const AVChapter &from = *input.chapters[i];
        auto *to = static_cast<AVChapter *>(av_mallocz(sizeof(AVChapter)));
        if (to == nullptr) throw std::bad_alloc();
        output.chapters[output.nb_chapters++] = to;
        to->id = from.id;
        to->time_base = from.time_base;
        to->start = from.start;
        to->end = from.end;
        check(av_dict_copy(&to->metadata, from.metadata, 0), "cannot copy chapter titles");
    }
}

void copy_stream_metadata(const AVStream &input, AVStream &output, bool reencoded, TagPolicy policy) {
    const AVDictionaryEntry *e = nullptr;
    while ((e = av_dict_get(input.metadata, "", e, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
        if (dropped_by(policy, e->key)) continue;
        const std::string_view key = e->key;
        if (is_stale_stream_tag(key)) continue;
        if (reencoded && equals_ignoring_case(key, "encoder")) continue;
        if (equals_ignoring_case(key, "title") && is_htc_rotation_name(e->value)) continue;
        set(&output.metadata, e->key, e->value);
    }
    // MP4 has no per-track title; its handler name is what players show.
    const AVDictionaryEntry *title = av_dict_get(output.metadata, "title", nullptr, 0);
    if (title != nullptr && av_dict_get(output.metadata, "handler_name", nullptr, 0) == nullptr)
        set(&output.metadata, "handler_name", title->value);
}

void copy_stream_side_data(const AVStream &input, AVStream &output, bool reencoded) {
    if (!reencoded) {
        for (int i = 0; i < input.nb_side_data; ++i) {
            const AVPacketSideData &sd = input.side_data[i];
            if (sd.type == AV_PKT_DATA_DISPLAYMATRIX) continue;
            add_side_data(output, sd.type, sd.data, sd.size);
        }
    }
    if (const auto rotation = display_rotation(input)) {
        add_side_data(output, AV_PKT_DATA_DISPLAYMATRIX, reinterpret_cast<const uint8_t *>(rotation->matrix.data()),
                      sizeof rotation->matrix);
    }
}

const char *orphan_timecode(const AVFormatContext &input) noexcept {
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVStream &st = *input.streams[i];
        if (st.codecpar->codec_type != AVMEDIA_TYPE_DATA) continue;
        if (const AVDictionaryEntry *tc = av_dict_get(st.metadata, "timecode", nullptr, 0)) return tc->value;
    }
    return nullptr;
}

} // namespace sb::mp4
