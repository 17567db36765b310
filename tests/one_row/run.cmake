# The one-row test (docs/design.md, "Adding a model"): does what a maintainer does to add a model
# that shares its mode and tier with another (a provider's dated snapshot), on a copy of the
# repository in the build tree, then proves the new model is known everywhere:
#   1. copies CMakeLists.txt, include/, tools/, cmake/ and data/ to WORK_DIR/src;
#   2. inserts one row into the copy's model_rows (spec.hpp), after mini reference-to-video's;
#   3. duplicates mini reference-to-video's row of the copy's feed (data/) with the new model_id and
#      regenerates the copy's embedded feed with cmake/embed_pricing_feed.cmake;
#   4. compiles checker.cpp against the copy's headers and runs it (traits, visit_model, validate,
#      json_schema, estimate_cost, model_catalog);
#   5. when TOOL is ON, configures the copy, builds the `seedance` tool from it (without its network
#      commands) and checks that
#      `seedance models` (text and JSON) and `seedance schema ID` know the new model.
# Nothing else is edited: if some other file had to change for the new model to be known, a check fails.
# Inputs: SOURCE_DIR, WORK_DIR, CXX, INCLUDE_DIRS (the dependencies' include directories, joined
# with "|"), CHECKER, TOOL, PREFIX_PATH (CMAKE_PREFIX_PATH for the tool's build, joined with "|").
cmake_minimum_required(VERSION 3.21)

string(REPLACE "|" ";" _dirs "${INCLUDE_DIRS}")
list(REMOVE_ITEM _dirs "")
list(TRANSFORM _dirs PREPEND "-I")
string(REPLACE "|" ";" PREFIX_PATH "${PREFIX_PATH}")

set(new_id "seedance-2.0-mini-reference-to-video-260615")
set(base_id "seedance-2.0-mini-reference-to-video")

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

# 1. The copy.
set(src "${WORK_DIR}/src")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${src}")
foreach(_item CMakeLists.txt include tools cmake data)
  file(COPY "${SOURCE_DIR}/${_item}" DESTINATION "${src}")
endforeach()

# 2. One row in model_rows, after the row of the model it snapshots: the line is the base row's
# with the new id.
set(spec "${src}/include/seedance/spec.hpp")
file(READ "${spec}" _text)
string(REGEX MATCHALL "[ \t]*\\{\"${base_id}\",[^\n]*\n" _rows "${_text}")
list(LENGTH _rows _count)
if(NOT _count EQUAL 1)
  message(FATAL_ERROR "spec.hpp: expected one row of model_rows for ${base_id}, found ${_count}")
endif()
string(REPLACE "\"${base_id}\"" "\"${new_id}\"" _new_row "${_rows}")
string(REPLACE "${_rows}" "${_rows}${_new_row}" _edited "${_text}")
file(WRITE "${spec}" "${_edited}")
# The rows the repository has, to check the copy has one more.
string(REGEX MATCHALL "\n[ \t]*\\{\"seedance-[^\"]*\", mode::" _before "${_text}")
list(LENGTH _before rows_before)
message(STATUS "inserted into model_rows (${rows_before} rows before): ${_new_row}")

# 3. The price row: a copy of the base model's with the new model_id, then the embedded copy.
set(feed "${src}/data/pricing-rules-seedance-2.0.json")
file(READ "${feed}" _feed)
string(JSON _n LENGTH "${_feed}" models)
set(_found "")
math(EXPR _last "${_n} - 1")
foreach(_i RANGE ${_last})
  string(JSON _id GET "${_feed}" models ${_i} model_id)
  if(_id STREQUAL base_id)
    string(JSON _found GET "${_feed}" models ${_i})
  endif()
endforeach()
if(_found STREQUAL "")
  message(FATAL_ERROR "${feed}: no row with model_id ${base_id}")
endif()
string(JSON _price_row SET "${_found}" model_id "\"${new_id}\"")
string(JSON _feed SET "${_feed}" models ${_n} "${_price_row}")
file(WRITE "${feed}" "${_feed}\n")
run(${CMAKE_COMMAND} -P "${src}/cmake/embed_pricing_feed.cmake")
run(${CMAKE_COMMAND} -DCHECK=ON -P "${src}/cmake/embed_pricing_feed.cmake")

# 4. The checker, against the copy's headers.
set(_bin "${WORK_DIR}/checker")
run(${CXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror -DROWS_BEFORE=${rows_before} -I${src}/include ${_dirs}
    "${CHECKER}" -o "${_bin}")
run("${_bin}")
message("${last_output}")
if(NOT last_output MATCHES "one-row ok")
  message(FATAL_ERROR "the checker did not say ok")
endif()

# 5. The tool, built from the copy as a maintainer would build it.
if(TOOL)
  set(_build "${WORK_DIR}/build")
  # Without optimization and without the network commands (submit, task, serve: they know models
  # only through the same library, and are the tool's costliest files to compile).
  run(${CMAKE_COMMAND} -S "${src}" -B "${_build}" -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=
      "-DCMAKE_PREFIX_PATH=${PREFIX_PATH}" -DSEEDANCE_BUILD_TOOLS=ON -DSEEDANCE_TOOL_NETWORK=OFF -DSEEDANCE_BUILD_TESTS=OFF
      -DSEEDANCE_BUILD_EXAMPLES=OFF -DSEEDANCE_INSTALL=OFF)
  run(${CMAKE_COMMAND} --build "${_build}" --target seedance_cli)
  find_program(_tool seedance PATHS "${_build}/tools" "${_build}" NO_DEFAULT_PATH REQUIRED)

  run("${_tool}" models --format json)
  string(JSON _listed LENGTH "${last_output}")
  math(EXPR _expected "${rows_before} + 1")
  if(NOT _listed EQUAL _expected)
    message(FATAL_ERROR "seedance models --format json lists ${_listed} models, not ${_expected}:\n${last_output}")
  endif()
  set(_seen 0)
  math(EXPR _last "${_listed} - 1")
  foreach(_i RANGE ${_last})
    string(JSON _id GET "${last_output}" ${_i} id)
    if(_id STREQUAL new_id)
      string(JSON _mode GET "${last_output}" ${_i} mode)
      string(JSON _tier GET "${last_output}" ${_i} tier)
      if(NOT _mode STREQUAL "reference-to-video" OR NOT _tier STREQUAL "mini")
        message(FATAL_ERROR "seedance models: ${new_id} has mode ${_mode} and tier ${_tier}")
      endif()
      math(EXPR _seen "${_seen} + 1")
    endif()
  endforeach()
  if(NOT _seen EQUAL 1)
    message(FATAL_ERROR "seedance models --format json lists ${new_id} ${_seen} times")
  endif()

  run("${_tool}" models)
  if(NOT last_output MATCHES "\n${new_id} +reference-to-video +mini ")
    message(FATAL_ERROR "seedance models does not list ${new_id} as a mini reference-to-video model:\n${last_output}")
  endif()

  run("${_tool}" schema "${new_id}")
  string(FIND "${last_output}" "${new_id}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "seedance schema ${new_id} does not name it:\n${last_output}")
  endif()
  message("seedance models and seedance schema know ${new_id}")
endif()
