// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// A diagnostic's message not written yet: what `report` keeps for a message until someone reads it
// (docs/validation.md, "Lazy messages").
#ifndef SEEDANCE_DETAIL_LAZY_MESSAGE_HPP
#define SEEDANCE_DETAIL_LAZY_MESSAGE_HPP

#include <cstddef>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

namespace seedance::detail {

/// A callable that writes a message (`std::string()`), kept by value in a fixed inline buffer: making
/// one allocates nothing beyond what its captures do (a short std::string fits its own buffer).
/// It must capture by value (copies of the request's strings, numbers, pointers into the library's
/// static tables), never by reference: the message is written when the report is read, after the
/// validator, the request and its text may be gone.
class lazy_message {
 public:
  /// Room for the captures: a model pointer, two strings and a few numbers.
  static constexpr std::size_t capacity = 120;

  lazy_message() noexcept = default;

  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, lazy_message> && std::is_invocable_r_v<std::string, const std::remove_cvref_t<F>&>)
  explicit lazy_message(F&& f) {
    using T = std::remove_cvref_t<F>;
    static_assert(sizeof(T) <= capacity, "seedance: a lazy message captures more than lazy_message::capacity bytes");
    static_assert(alignof(T) <= alignof(std::max_align_t), "seedance: a lazy message's captures are over-aligned");
    static_assert(std::is_nothrow_move_constructible_v<T> && std::is_copy_constructible_v<T>,
                  "seedance: a lazy message's captures must be copyable and nothrow-movable");
    ::new (static_cast<void*>(buffer_)) T(std::forward<F>(f));
    ops_ = &ops_for<T>;
  }

  lazy_message(const lazy_message& other) {
    if (other.ops_) {
      other.ops_->copy(buffer_, other.buffer_);
      ops_ = other.ops_;
    }
  }
  lazy_message(lazy_message&& other) noexcept {
    if (other.ops_) {
      other.ops_->move(buffer_, other.buffer_);
      ops_ = other.ops_;
      other.reset();
    }
  }
  lazy_message& operator=(const lazy_message& other) {
    if (this != &other) {
      lazy_message copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  lazy_message& operator=(lazy_message&& other) noexcept {
    if (this != &other) {
      reset();
      if (other.ops_) {
        other.ops_->move(buffer_, other.buffer_);
        ops_ = other.ops_;
        other.reset();
      }
    }
    return *this;
  }
  ~lazy_message() { reset(); }

  /// The message (empty for a default-constructed one).
  [[nodiscard]] std::string operator()() const { return ops_ ? ops_->call(buffer_) : std::string(); }

 private:
  struct operations {
    std::string (*call)(const void*);
    void (*copy)(void*, const void*);
    void (*move)(void*, void*) noexcept;
    void (*destroy)(void*) noexcept;
  };
  template <class T>
  static constexpr operations ops_for{
      [](const void* p) -> std::string { return (*std::launder(static_cast<const T*>(p)))(); },
      [](void* to, const void* from) { ::new (to) T(*std::launder(static_cast<const T*>(from))); },
      [](void* to, void* from) noexcept { ::new (to) T(std::move(*std::launder(static_cast<T*>(from)))); },
      [](void* p) noexcept { std::launder(static_cast<T*>(p))->~T(); },
  };

  void reset() noexcept {
    if (ops_) ops_->destroy(buffer_);
    ops_ = nullptr;
  }

  alignas(std::max_align_t) unsigned char buffer_[capacity];
  const operations* ops_ = nullptr;
};

}  // namespace seedance::detail

#endif  // SEEDANCE_DETAIL_LAZY_MESSAGE_HPP
