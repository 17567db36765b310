# Regenerates the feed literal of include/seedance/pricing_data.hpp from
# data/pricing-rules-seedance-2.0.json, or checks that the two agree. Run from anywhere:
#
#   cmake -P cmake/embed_pricing_feed.cmake               # rewrite the literal in the header
#   cmake -DCHECK=ON -P cmake/embed_pricing_feed.cmake    # fail when the literal is not the file
#
# Only the text between R"feed( and )feed" changes; the header's comments, the dates
# (default_pricing_effective) and the code around it are left as they are: update the dates by
# hand when the provider's effective date changes (tests/pricing checks them against the feed).
# FEED=... and HEADER=... override the two paths.
cmake_minimum_required(VERSION 3.21)

get_filename_component(_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
if(NOT DEFINED FEED)
  set(FEED "${_root}/data/pricing-rules-seedance-2.0.json")
endif()
if(NOT DEFINED HEADER)
  set(HEADER "${_root}/include/seedance/pricing_data.hpp")
endif()

set(_open "R\"feed(")
set(_close ")feed\"")

file(READ "${FEED}" _feed)
file(READ "${HEADER}" _header)

# The raw string ends at the first )feed": a feed holding that text cannot be embedded as it is.
string(FIND "${_feed}" "${_close}" _bad)
if(NOT _bad EQUAL -1)
  message(FATAL_ERROR "${FEED} contains ${_close}, which would end the raw string literal early")
endif()

string(FIND "${_header}" "${_open}" _begin)
if(_begin EQUAL -1)
  message(FATAL_ERROR "${HEADER} has no raw string literal ${_open}...${_close}")
endif()
string(LENGTH "${_open}" _open_length)
math(EXPR _content_begin "${_begin} + ${_open_length}")
string(SUBSTRING "${_header}" ${_content_begin} -1 _rest)
string(FIND "${_rest}" "${_close}" _content_length)
if(_content_length EQUAL -1)
  message(FATAL_ERROR "${HEADER}: the raw string literal ${_open} has no closing ${_close}")
endif()
string(SUBSTRING "${_rest}" 0 ${_content_length} _embedded)
math(EXPR _end "${_content_begin} + ${_content_length}")

if(CHECK)
  if(NOT _embedded STREQUAL _feed)
    message(FATAL_ERROR "The feed literal in ${HEADER} is not ${FEED} byte for byte; "
                        "run: cmake -P cmake/embed_pricing_feed.cmake")
  endif()
  message(STATUS "The feed literal in ${HEADER} is ${FEED}, byte for byte.")
  return()
endif()

if(_embedded STREQUAL _feed)
  message(STATUS "${HEADER} already embeds ${FEED}; nothing to do.")
  return()
endif()
string(SUBSTRING "${_header}" 0 ${_content_begin} _before)
string(SUBSTRING "${_header}" ${_end} -1 _after)
file(WRITE "${HEADER}" "${_before}${_feed}${_after}")
message(STATUS "Rewrote the feed literal of ${HEADER} from ${FEED}.")
