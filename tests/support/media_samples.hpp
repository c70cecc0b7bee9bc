// What a media file holds beyond its headers, read with libavformat/libavcodec
// (not the ffmpeg CLI), for asserts: the pixels of the first video frame as
// stored (no display matrix applied), every video frame's presentation time and
// when the sound starts.
#ifndef SB_TEST_MEDIA_SAMPLES_HPP
#define SB_TEST_MEDIA_SAMPLES_HPP

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace sb::test {

// The mean RGB of the w x h box at (x, y) of the first decoded frame of the
// first video stream (cover art skipped), in stored orientation: what the
// pixels are, not how a player turns them. {-1, -1, -1} when the file cannot be
// decoded or the box lies outside the picture.
std::array<int, 3> stored_rgb_at(const std::filesystem::path &file, int x, int y, int w = 8, int h = 8);

// Presentation times in seconds of every packet of the first video stream
// (cover art skipped), sorted: the frame timing a player sees. Empty when the
// file cannot be read.
std::vector<double> video_frame_times(const std::filesystem::path &file);

// When the first audio stream first gets loud (a sample of channel 0 beyond
// `threshold` of full scale), in seconds on the file's timeline: decoded, so
// edit lists and encoder priming count as a player applies them. -1 when never.
double audio_onset_seconds(const std::filesystem::path &file, double threshold = 0.05);

} // namespace sb::test

#endif // SB_TEST_MEDIA_SAMPLES_HPP
