#!/usr/bin/env bash
# Generates the media corpus of the probe's tests with ffmpeg, and ffprobe's JSON of every file beside
# it (FILE.json: `ffprobe -of json -show_streams -show_format`):
#   tests/probe/make_corpus.sh OUT_DIR      -> OUT_DIR/image, OUT_DIR/video, OUT_DIR/audio, OUT_DIR/large, OUT_DIR/generated.tsv
# OUT_DIR/large holds files too big to be cut and bit-flipped like the others (a 15 MB MP3); the
# tests read it apart. SEEDANCE_CORPUS_NO_LARGE=1 leaves it out (the fuzzers' seeds need none of it).
# Idempotent: a file that exists with its JSON is not made again. Nothing is committed: the test
# fixture (tests/probe/CMakeLists.txt) and scripts/fuzz.sh run this at test time.
# generated.tsv: what was asked of ffmpeg, for the facts ffprobe does not report:
#   path <TAB> key=value ...   (seconds=generated length, orientation=EXIF orientation written, ...)
set -euo pipefail
out=${1:?usage: make_corpus.sh OUT_DIR}
mkdir -p "$out/image" "$out/video" "$out/audio" "$out/large"
out=$(cd "$out" && pwd)
manifest="$out/generated.tsv"
manifest_new="$out/.generated.tsv.new"
: >"$manifest_new"
ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)

# gen REL FORMAT FACTS -- ffmpeg arguments before the output
gen() {
  local rel=$1 fmt=$2 facts=$3
  shift 4
  printf '%s\t%s\n' "$rel" "$facts" >>"$manifest_new"
  local dst="$out/$rel"
  if [[ -s $dst && -s $dst.json ]]; then return; fi
  local tmp="$dst.tmp"
  "${ff[@]}" "$@" -f "$fmt" "$tmp"
  mv "$tmp" "$dst"
  probe_json "$rel"
}
probe_json() {
  ffprobe -v error -of json -show_streams -show_format "$out/$1" >"$out/$1.json.tmp"
  mv "$out/$1.json.tmp" "$out/$1.json"
}
# testsrc2 and color round odd sizes down to even ones: scale to the size asked for.
src() { echo "testsrc2=size=$1:rate=$2:duration=$3,scale=${1/x/:}"; }
flat() { echo "color=c=0x3060a0:size=$1:rate=$2:duration=$3,scale=${1/x/:}"; }
x264=(-c:v libx264 -preset ultrafast -pix_fmt yuv420p)

# --- images -------------------------------------------------------------------------------------
gen image/png_rgb_640x480.png image2 "" -- -f lavfi -i "$(src 640x480 1 1)" -frames:v 1 -c:v png -pix_fmt rgb24
gen image/png_rgba_333x517.png image2 "" -- -f lavfi -i "$(src 333x517 1 1)" -vf format=rgba -frames:v 1 -c:v png
gen image/png_gray16_301x7001.png image2 "" -- -f lavfi -i "$(flat 301x7001 1 1)" -frames:v 1 -c:v png -pix_fmt gray16be
gen image/png_pal_1x1.png image2 "" -- -f lavfi -i "$(flat 16x16 1 1)" -vf scale=1:1 -frames:v 1 -c:v png -pix_fmt pal8
gen image/jpeg_baseline_640x480.jpg image2 "" -- -f lavfi -i "$(src 640x480 1 1)" -frames:v 1 -c:v mjpeg -q:v 3 -pix_fmt yuvj420p
gen image/jpeg_422_1281x719.jpg image2 "" -- -f lavfi -i "$(src 1281x719 1 1)" -frames:v 1 -c:v mjpeg -pix_fmt yuvj422p
gen image/jpeg_250x250.jpg image2 "" -- -f lavfi -i "$(src 250x250 1 1)" -frames:v 1 -c:v mjpeg -pix_fmt yuvj444p
gen image/jpeg_7000x300.jpg image2 "" -- -f lavfi -i "$(flat 7000x300 1 1)" -frames:v 1 -c:v mjpeg -pix_fmt yuvj420p
gen image/webp_lossy_640x480.webp webp "" -- -f lavfi -i "$(src 640x480 1 1)" -frames:v 1 -c:v libwebp -quality 60
gen image/webp_lossless_333x517.webp webp "" -- -f lavfi -i "$(src 333x517 1 1)" -frames:v 1 -c:v libwebp -lossless 1
gen image/webp_alpha_401x299.webp webp "" -- -f lavfi -i "$(src 401x299 1 1)" -vf format=yuva420p -frames:v 1 -c:v libwebp -quality 60

# Progressive JPEG: ffmpeg's encoder writes baseline only; jpegtran (libjpeg-turbo-progs) rewrites it.
if command -v jpegtran >/dev/null; then
  for base in jpeg_baseline_640x480 jpeg_422_1281x719; do
    rel="image/${base/baseline/progressive}_progressive.jpg"
    rel="image/${base}_progressive.jpg"
    printf '%s\t%s\n' "$rel" "progressive=1" >>"$manifest_new"
    if [[ ! -s $out/$rel || ! -s $out/$rel.json ]]; then
      jpegtran -progressive -copy none "$out/image/$base.jpg" >"$out/$rel.tmp" && mv "$out/$rel.tmp" "$out/$rel"
      probe_json "$rel"
    fi
  done
else
  echo "make_corpus: jpegtran not found (Debian: libjpeg-turbo-progs): no progressive JPEG in the corpus" >&2
fi

# EXIF orientation: an APP1 segment (a TIFF block, IFD0 with only Orientation) right after SOI,
# big-endian ("MM", Motorola) or little-endian ("II", Intel: most cameras and phones).
exif_jpeg() {  # exif_jpeg SRC_REL DST_REL ORIENTATION [le]
  local src=$out/$1 rel=$2 o=$3 le=${4:-}
  printf '%s\t%s\n' "$rel" "orientation=$o${le:+ exif_le=1}" >>"$manifest_new"
  [[ -s $out/$rel && -s $out/$rel.json ]] && return
  {
    printf '\xff\xd8'                              # SOI
    printf '\xff\xe1\x00\x22Exif\x00\x00'          # APP1, length 34 (2 + 6 + 26)
    if [[ -n $le ]]; then
      printf 'II\x2a\x00\x08\x00\x00\x00'          # TIFF header, IFD0 at 8
      printf '\x01\x00'                            # one entry
      printf "\\x12\\x01\\x03\\x00\\x01\\x00\\x00\\x00\\x0$o\\x00\\x00\\x00"  # Orientation SHORT 1 = o
    else
      printf 'MM\x00\x2a\x00\x00\x00\x08'          # TIFF header, IFD0 at 8
      printf '\x00\x01'                            # one entry
      printf "\\x01\\x12\\x00\\x03\\x00\\x00\\x00\\x01\\x00\\x0$o\\x00\\x00"  # Orientation SHORT 1 = o
    fi
    printf '\x00\x00\x00\x00'                      # no next IFD
    tail -c +3 "$src"                              # the rest of the JPEG after its SOI
  } >"$out/$rel.tmp"
  mv "$out/$rel.tmp" "$out/$rel"
  probe_json "$rel"
}
exif_jpeg image/jpeg_baseline_640x480.jpg image/jpeg_exif6_640x480.jpg 6
exif_jpeg image/jpeg_baseline_640x480.jpg image/jpeg_exif3_640x480.jpg 3
exif_jpeg image/jpeg_422_1281x719.jpg image/jpeg_exif8_1281x719.jpg 8
exif_jpeg image/jpeg_422_1281x719.jpg image/jpeg_exif5_le_1281x719.jpg 5 le

# Extended sequential (SOF1): ffmpeg writes baseline only, and SOF0 and SOF1 share their layout, so
# the baseline file's SOF0 marker (FF C0, length 17: 8-bit, 3 components) is turned into FF C1.
# ffprobe (the oracle) decodes the result as it did the original.
rel=image/jpeg_sof1_640x480.jpg
printf '%s\t%s\n' "$rel" "sof=1" >>"$manifest_new"
if [[ ! -s $out/$rel || ! -s $out/$rel.json ]]; then
  at=$(LC_ALL=C grep -obUaP '\xff\xc0\x00\x11\x08' "$out/image/jpeg_baseline_640x480.jpg" | head -1 | cut -d: -f1)
  cp "$out/image/jpeg_baseline_640x480.jpg" "$out/$rel.tmp"
  printf '\xc1' | dd of="$out/$rel.tmp" bs=1 seek=$((at + 1)) conv=notrunc status=none
  mv "$out/$rel.tmp" "$out/$rel"
  probe_json "$rel"
fi

# --- video --------------------------------------------------------------------------------------
# Frame rates, 2 s, 854x480 (a valid size for the rules: 854 * 480 >= the minimum pixel count).
for r in 24000/1001 24 25 30 50 60; do
  n=${r/\//_}
  gen "video/fps_${n}.mp4" mp4 "seconds=2" -- -f lavfi -i "$(src 854x480 "$r" 2)" "${x264[@]}"
  gen "video/fps_${n}_faststart.mp4" mp4 "seconds=2" -- -f lavfi -i "$(src 854x480 "$r" 2)" "${x264[@]}" -movflags +faststart
  gen "video/fps_${n}.mov" mov "seconds=2" -- -f lavfi -i "$(src 854x480 "$r" 2)" "${x264[@]}"
done
# QuickTime with moov first, at three rates (smaller frames: the layout is the point).
for r in 24000/1001 25 60; do
  gen "video/fps_${r/\//_}_faststart.mov" mov "seconds=2" -- -f lavfi -i "$(src 320x240 "$r" 2)" "${x264[@]}" -movflags +faststart
done
# A constant rate whose timescale is not a multiple of it: the muxer rounds each timestamp to the
# tick, so the durations alternate by one tick (90 kHz at 24000/1001: 3754, 3754, 3753, ...; 600 at
# 30000/1001, as iPhones write: 20 and 21). ffprobe's avg_frame_rate is the constant rate.
gen video/fps_24000_1001_ts90k.mp4 mp4 "seconds=2 tick_rounding=1" -- -f lavfi -i "$(src 854x480 24000/1001 2)" "${x264[@]}" -video_track_timescale 90000
gen video/fps_30000_1001_ts600.mov mov "seconds=3 tick_rounding=1" -- -f lavfi -i "$(src 640x360 30000/1001 3)" "${x264[@]}" -video_track_timescale 600
# Durations: flat colour encodes in no time at a valid size.
for d in 2 5 6 15 16; do
  gen "video/dur_${d}s.mp4" mp4 "seconds=$d" -- -f lavfi -i "$(flat 854x480 24 "$d")" "${x264[@]}"
done
# An edit list that trims the first 0.5 s (stream copy: no encoding). The movie (mvhd) and ffprobe
# (format and stream) say 1.5 s; the media (mdhd) still holds the 2 s of samples.
gen video/trim_editlist.mp4 mp4 "seconds=1.5 media_seconds=2" -- -ss 0.5 -i "$out/video/dur_2s.mp4" -c copy
gen video/dur_15s.mov mov "seconds=15" -- -f lavfi -i "$(flat 320x240 30 15)" "${x264[@]}"
gen video/dur_16s.mov mov "seconds=16" -- -f lavfi -i "$(flat 320x240 30 16)" "${x264[@]}"
# Audio beside video; QuickTime with a timecode track (and a second hdlr in minf).
gen video/av_aac.mp4 mp4 "seconds=3" -- -f lavfi -i "$(src 640x360 30 3)" -f lavfi -i "sine=f=440:d=3" "${x264[@]}" -c:a aac -shortest
gen video/av_aac_tmcd.mov mov "seconds=3" -- -f lavfi -i "$(src 640x360 25 3)" -f lavfi -i "sine=f=440:d=3" "${x264[@]}" -c:a aac -timecode 01:00:00:00 -shortest
# Audio longer than the video (3 s of video, 6 s of audio): the movie lasts 6 s (mvhd; ffprobe's
# format.duration), the video track 3 s.
gen video/av_audio_longer.mp4 mp4 "seconds=6 video_seconds=3" -- -f lavfi -i "$(src 320x240 24 3)" -f lavfi -i "sine=f=440:d=6" "${x264[@]}" -c:a aac
gen video/av_pcm_faststart.mov mov "seconds=2" -- -f lavfi -i "sine=f=440:d=2" -f lavfi -i "$(src 480x480 30 2)" -map 0 -map 1 -c:a pcm_s16le "${x264[@]}" -movflags +faststart
# B-frames: an edit list shifts the video track.
gen video/bframes_edit.mp4 mp4 "seconds=2" -- -f lavfi -i "$(src 640x360 30 2)" -c:v libx264 -preset veryfast -bf 3 -pix_fmt yuv420p
gen video/mpeg4_part2.mp4 mp4 "seconds=2" -- -f lavfi -i "$(src 352x288 25 2)" -c:v mpeg4 -q:v 5
# Odd sizes (4:4:4 allows them).
gen video/odd_321x241.mp4 mp4 "seconds=2" -- -f lavfi -i "$(src 321x241 30 2)" -c:v libx264 -preset ultrafast -pix_fmt yuv444p
gen video/odd_1001x333.mov mov "seconds=2" -- -f lavfi -i "$(src 1001x333 24 2)" -c:v libx264 -preset ultrafast -pix_fmt yuv444p
# Rotation: ffmpeg 5.1's muxer writes no display matrix of its own, so the identity matrix of the
# (only) track's tkhd is overwritten with a rotation; ffprobe then reports it (side data "rotation").
gen video/rot_0.mp4 mp4 "seconds=2" -- -f lavfi -i "$(src 640x360 30 2)" "${x264[@]}"
gen video/rot_0.mov mov "seconds=2" -- -f lavfi -i "$(src 640x360 30 2)" "${x264[@]}"
rotated() {  # rotated SRC_REL DST_REL DEGREES_CLOCKWISE
  local rel=$2
  printf '%s\t%s\n' "$rel" "seconds=2 rotation=$3" >>"$manifest_new"
  [[ -s $out/$rel && -s $out/$rel.json ]] && return
  local at
  at=$(LC_ALL=C grep -obUaP 'tkhd' "$out/$1" | head -1 | cut -d: -f1)
  cp "$out/$1" "$out/$rel.tmp"
  # matrix {a b u c d v x y w} at 40 bytes into a version-0 tkhd payload; a, b, (u), c, d written
  local m
  case $3 in
    90) m='\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00' ;;
    180) m='\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00' ;;
    270) m='\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00' ;;
  esac
  printf "$m" | dd of="$out/$rel.tmp" bs=1 seek=$((at + 4 + 40)) conv=notrunc status=none
  mv "$out/$rel.tmp" "$out/$rel"
  probe_json "$rel"
}
rotated video/rot_0.mp4 video/rot_90.mp4 90
rotated video/rot_0.mp4 video/rot_180.mp4 180
rotated video/rot_0.mp4 video/rot_270.mp4 270
rotated video/rot_0.mov video/rot_90.mov 90
rotated video/rot_0.mov video/rot_180.mov 180
rotated video/rot_0.mov video/rot_270.mov 270
# Variable frame rate: every third frame dropped.
gen video/vfr.mp4 mp4 "seconds=3 vfr=1" -- -f lavfi -i "$(src 640x360 30 3)" -vf "select='mod(n\\,3)'" -fps_mode vfr "${x264[@]}"
# Fragmented MP4.
gen video/frag_empty_moov.mp4 mp4 "seconds=4" -- -f lavfi -i "$(src 640x360 25 4)" "${x264[@]}" -g 25 -movflags frag_keyframe+empty_moov
gen video/frag_first_in_moov.mp4 mp4 "seconds=4" -- -f lavfi -i "$(src 640x360 30 4)" "${x264[@]}" -g 30 -movflags frag_keyframe
gen video/frag_dash_av.mp4 mp4 "seconds=4" -- -f lavfi -i "$(src 640x360 24 4)" -f lavfi -i "sine=f=440:d=4" "${x264[@]}" -g 24 -c:a aac -shortest -movflags frag_keyframe+empty_moov+default_base_moof
gen video/frag_dash.mp4 mp4 "seconds=3" -- -f lavfi -i "$(src 640x360 30 3)" "${x264[@]}" -g 30 -movflags dash+global_sidx
gen video/no_editlist.mp4 mp4 "seconds=2" -- -f lavfi -i "$(src 640x360 30 2)" "${x264[@]}" -use_editlist 0

# --- audio --------------------------------------------------------------------------------------
sine() { echo "sine=f=440:sample_rate=$1:d=$2"; }
gen audio/wav_s16_44100_stereo.wav wav "seconds=3" -- -f lavfi -i "$(sine 44100 3)" -ac 2 -c:a pcm_s16le
gen audio/wav_s24_48000_mono.wav wav "seconds=2.5" -- -f lavfi -i "$(sine 48000 2.5)" -c:a pcm_s24le
gen audio/wav_f32_22050.wav wav "seconds=1.75" -- -f lavfi -i "$(sine 22050 1.75)" -c:a pcm_f32le
gen audio/wav_s16_6ch_extensible.wav wav "seconds=2" -- -f lavfi -i "$(sine 16000 2)" -af "pan=5.1|c0=c0|c1=c0|c2=c0|c3=c0|c4=c0|c5=c0" -c:a pcm_s16le
gen audio/wav_u8_8000.wav wav "seconds=16" -- -f lavfi -i "$(sine 8000 16)" -c:a pcm_u8
gen audio/wav_rf64.wav wav "seconds=2" -- -f lavfi -i "$(sine 44100 2)" -c:a pcm_s16le -rf64 always
gen audio/wav_alaw.wav wav "seconds=2" -- -f lavfi -i "$(sine 8000 2)" -c:a pcm_alaw
gen audio/mp3_cbr128_info.mp3 mp3 "seconds=3" -- -f lavfi -i "$(sine 44100 3)" -ac 2 -c:a libmp3lame -b:a 128k
gen audio/mp3_cbr128_noxing.mp3 mp3 "seconds=3 cbr=1" -- -f lavfi -i "$(sine 44100 3)" -ac 2 -c:a libmp3lame -b:a 128k -write_xing 0
gen audio/mp3_vbr_xing.mp3 mp3 "seconds=4" -- -f lavfi -i "$(sine 48000 4)" -c:a libmp3lame -q:a 4
gen audio/mp3_vbr_noxing.mp3 mp3 "seconds=4 vbr=1" -- -f lavfi -i "$(sine 48000 4)" -c:a libmp3lame -q:a 2 -write_xing 0
gen audio/mp3_id3v2_v1.mp3 mp3 "seconds=2.5" -- -f lavfi -i "$(sine 44100 2.5)" -c:a libmp3lame -b:a 96k -metadata title=Probe -metadata artist=seedance -id3v2_version 3 -write_id3v1 1
gen audio/mp3_mpeg2_22050.mp3 mp3 "seconds=3" -- -f lavfi -i "$(sine 22050 3)" -c:a libmp3lame -b:a 64k
gen audio/mp3_mpeg25_8000.mp3 mp3 "seconds=2 cbr=1" -- -f lavfi -i "$(sine 8000 2)" -c:a libmp3lame -b:a 16k -write_xing 0
gen audio/mp3_16s.mp3 mp3 "seconds=16" -- -f lavfi -i "$(sine 22050 16)" -c:a libmp3lame -b:a 32k

# --- large --------------------------------------------------------------------------------------
# 15 MB (the audio size limit is 15 MiB) of CBR MP3 without a Xing/Info header: 320 kbps mono at
# 44.1 kHz (1044.9 bytes a frame on average: padding varies) for 375 s, LAME's fastest setting.
if [[ ${SEEDANCE_CORPUS_NO_LARGE:-0} != 1 ]]; then
  gen large/mp3_cbr320_noxing_15MB.mp3 mp3 "seconds=375 cbr=1" -- -f lavfi -i "$(sine 44100 375)" -ac 1 -c:a libmp3lame -b:a 320k \
    -compression_level 9 -write_xing 0
fi

mv "$manifest_new" "$manifest"
