// Opening a media file for reading, with reasons a user can act on.
#ifndef SB_FFMPEG_INPUT_FILE_HPP
#define SB_FFMPEG_INPUT_FILE_HPP

#include <sb/ffmpeg/ffmpeg_ptr.hpp>

#include <sb/converter.hpp>

#include <string>

namespace sb::ffmpeg {

// Opens `path` for demuxing (as "file:" so names like "10:30 take.mov" are not
// read as URLs) with the job's interrupt callback, and reads the stream info.
// Throws sb::sdk::Error with a one-line reason — "empty file (0 bytes)", "not a
// media file FFmpeg can read: ...", "truncated QuickTime/MP4 file: moov atom not
// found (...)", "not a media file FFmpeg can read: its content matches no known
// format", "cannot open: ...", "cannot read stream info: ..." — and
// sb::sdk::Cancelled when the job is cancelled meanwhile.
// The context keeps a pointer to `job`: `job` must outlive it.
InputContextPtr open_input(const std::string &path, const sb::sdk::Job &job);

// True when some demuxer recognises the first bytes of `path` by their content
// alone, not by the file name (also when the file cannot be read: the caller's
// own error then says why). FFmpeg falls back to the demuxer a name's extension
// suggests, so a text file named notes.mp3 fails with "Invalid argument" and one
// named notes.aac with "End of file"; this tells those apart from damaged media.
bool content_is_media(const std::string &path);

// Why a file that starts like QuickTime/MP4 cannot be read: "moov atom not
// found" or "moov atom cut off" (a recording stopped early, an interrupted
// copy), or "" when the file does not look like that. FFmpeg itself only says
// "Invalid data" and logs the cause where a plugin cannot read it.
std::string quicktime_truncation(const std::string &path);

// Why an indexed file (QuickTime/MP4/M4A) is missing part of its media data, or
// "": its index points past the end of the file, as after an interrupted copy or
// download, or a write that was cut short. Converting it would silently lose the
// rest; as an existing output it does not play to the end.
std::string why_media_data_is_missing(const AVFormatContext &ctx);

// Container duration in seconds, or -1 when unknown.
double duration_seconds(const AVFormatContext &ctx) noexcept;

// "video", "audio", "subtitle", "data", "attachment", or "unknown".
const char *media_type_name(AVMediaType type) noexcept;

} // namespace sb::ffmpeg

#endif // SB_FFMPEG_INPUT_FILE_HPP
