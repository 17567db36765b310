# CTest's "example: build_requests": runs the example and checks that what it prints parses as the
# three bodies it builds (compared as JSON values, not as text) and ends with the visit_model line.
#   cmake -DEXAMPLE=<path of seedance_build_requests> -P check_build_requests.cmake
# The expected bodies are written here from the example's source and docs/spec.md section 1.
if(NOT EXAMPLE)
  message(FATAL_ERROR "usage: cmake -DEXAMPLE=<program> -P check_build_requests.cmake")
endif()
execute_process(COMMAND "${EXAMPLE}" OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXAMPLE} exited with ${rc}:\n${out}")
endif()

# The program prints three documents with dump(2), then one line of text. In that layout only a
# document's own braces start a line, so "\n}\n{" separates two documents and the last "\n}\n"
# ends the third: joined with commas they make one JSON array.
string(FIND "${out}" "\n}\n" end REVERSE)
if(end EQUAL -1)
  message(FATAL_ERROR "no JSON document in the output:\n${out}")
endif()
math(EXPR docs_length "${end} + 2")
string(SUBSTRING "${out}" 0 ${docs_length} docs)
string(SUBSTRING "${out}" ${docs_length} -1 trailer)
string(REPLACE "\n}\n{" "\n},\n{" docs "${docs}")
set(actual "[${docs}]")
string(JSON count ERROR_VARIABLE error LENGTH "${actual}")
if(error)
  message(FATAL_ERROR "the output is not three JSON documents: ${error}\n${out}")
endif()

set(expected [=[[
  {"model": "seedance-2.0-fast-text-to-video",
   "prompt": "City sunset time-lapse, golden light over the skyline",
   "duration": 5, "quality": "720p", "aspect_ratio": "21:9", "model_params": {"web_search": false}},
  {"model": "seedance-2.0-image-to-video",
   "prompt": "The camera pushes in slowly; petals drift in the wind",
   "image_urls": ["https://example.com/flower.jpg", "https://example.com/flower-bloom.jpg"],
   "duration": 8, "quality": "1080p"},
  {"model": "seedance-2.0-reference-to-video",
   "prompt": "Use @video1's first-person framing throughout and @audio1 as the background music; the product is @image1",
   "image_urls": ["https://example.com/product.jpg"], "video_urls": ["https://example.com/pov.mp4"],
   "audio_urls": ["https://example.com/bgm.mp3"], "duration": 10, "aspect_ratio": "16:9",
   "callback_url": "https://hooks.example.com/seedance"}
]]=])
string(JSON expected_count LENGTH "${expected}")
if(NOT count EQUAL expected_count)
  message(FATAL_ERROR "${count} documents printed, ${expected_count} expected:\n${out}")
endif()
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON got GET "${actual}" ${i})
  string(JSON want GET "${expected}" ${i})
  string(JSON same EQUAL "${got}" "${want}")
  if(NOT same)
    message(FATAL_ERROR "body ${i} differs:\n  printed:  ${got}\n  expected: ${want}")
  endif()
endforeach()

# docs/spec.md section 1: the mini image-to-video model takes 1 to 2 images.
string(STRIP "${trailer}" trailer)
if(NOT trailer STREQUAL "seedance-2.0-mini-image-to-video takes 1..2 images")
  message(FATAL_ERROR "unexpected last line: '${trailer}'")
endif()
message(STATUS "build_requests: ${count} bodies as expected")
