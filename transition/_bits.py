"""Bit tricks for the scoring walk: sets of milestones as Python integers.

The walk keeps sets of milestone indices as integer bitsets (bit ``i`` set when
milestone ``i`` is in the set) and per-milestone flags as ``bytes``, so that unions,
intersections and counts run as C loops over machine words rather than Python loops
over milestones. Everything here is a pure function of its arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress

__all__ = ["bitset", "closure", "flagged", "flags", "members"]

#: ``bytes.translate`` table: a 0/1 flag byte -> the ASCII digit ``b"0"`` / ``b"1"``.
_DIGIT = bytes(ord("0") + (code & 1) for code in range(256))
#: ``bytes.translate`` table: the ASCII digit ``b"1"`` -> 1, every other byte -> 0.
_BIT = bytes(1 if code == ord("1") else 0 for code in range(256))


def flags(*codes: int) -> bytes:
    """A ``bytes.translate`` table: 1 for these byte values, 0 for every other byte.

    ``codes.translate(flags(...))`` turns a column of small codes into 0/1 flags in C.

    >>> bytes([0, 3, 5, 3]).translate(flags(3, 5))
    b'\\x00\\x01\\x01\\x01'
    """
    return bytes(1 if code in codes else 0 for code in range(256))


def bitset(flagged: bytes) -> int:
    """The integer whose bit ``i`` is set when ``flagged[i]`` is 1 (flags are 0 or 1).

    >>> bin(bitset(bytes([1, 0, 1, 1])))
    '0b1101'
    >>> bitset(b"")
    0
    """
    return int(flagged[::-1].translate(_DIGIT) or b"0", 2)


def flagged(bits: int, size: int) -> bytes:
    """One 0/1 flag an index, at least ``size`` of them: 1 where the bit is set.

    >>> flagged(0b1101, 6)
    b'\\x01\\x00\\x01\\x01\\x00\\x00'
    """
    return bin(bits)[:1:-1].encode().translate(_BIT).ljust(size, b"\0")


def members(bits: int) -> list[int]:
    """The indices of the set bits, ascending, in O(bits) with C loops.

    >>> members(0b1101)
    [0, 2, 3]
    >>> members(0)
    []
    """
    digits = flagged(bits, 0)
    return list(compress(range(len(digits)), digits))


def closure(order: Iterable[int], parents: Sequence[Iterable[int]]) -> list[int]:
    """Each node's transitive parents as a bitset, visiting nodes in ``order``.

    ``order`` must list every node after all of its parents (a topological order for
    ancestors; the reverse of one, with dependents as parents, for descendants).

    >>> parents = [[], [0], [1], [0]]  # 0 -> 1 -> 2, 0 -> 3
    >>> [bin(bits) for bits in closure([0, 1, 2, 3], parents)]
    ['0b0', '0b1', '0b11', '0b1']
    """
    reach = [0] * len(parents)
    for node in order:
        bits = 0
        for parent in parents[node]:
            bits |= reach[parent] | (1 << parent)
        reach[node] = bits
    return reach
