"""Arrow columns built straight from numpy buffers: exact money, ints, small string lists.

A column of int64 cents *is* a decimal64 column at scale 2 (same bits), so wrapping
the buffer costs nothing and Arrow formats it exactly as '1234.56'; no float ever
touches money on the way to CSV. Parquet and JSON get float64 dollars (cents / 100,
the nearest double, which prints back as the same two decimals).

Built with ``Array.from_buffers`` rather than ``pa.array``: the latter imports
pandas on first use (0.15-0.2 s), which a batch run never needs.
"""

from __future__ import annotations

from typing import Any

MONEY_PRECISION = 18


def _bitmap(valid: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    return pa.py_buffer(np.packbits(np.asarray(valid, dtype=bool), bitorder="little"))


def bool_array(values: Any) -> Any:
    """A numpy boolean array -> an Arrow boolean array, built from buffers (``pa.array`` imports pandas)."""
    import numpy as np
    import pyarrow as pa

    data = np.asarray(values, dtype=bool)
    return pa.Array.from_buffers(pa.bool_(), len(data), [None, _bitmap(data)], null_count=0)


def money_array(cents: Any, valid: Any) -> Any:
    """int64 cents and a validity mask (numpy) -> decimal64(18, 2), null where not valid."""
    import numpy as np
    import pyarrow as pa

    values = np.ascontiguousarray(cents, dtype=np.int64)
    return pa.Array.from_buffers(
        pa.decimal64(MONEY_PRECISION, 2), len(values), [_bitmap(valid), pa.py_buffer(values)], null_count=-1
    )


def float_array(values: Any) -> Any:
    """float64 numpy -> an Arrow float64 array, null where NaN."""
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(values, dtype=np.float64)
    return pa.Array.from_buffers(pa.float64(), len(data), [_bitmap(~np.isnan(data)), pa.py_buffer(data)], null_count=-1)


def int32_array(values: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(values, dtype=np.int32)
    return pa.Array.from_buffers(pa.int32(), len(data), [None, pa.py_buffer(data)], null_count=0)


def int64_array(values: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)], null_count=0)


def string_array(values: list[str]) -> Any:
    """A list of Python strings -> an Arrow string array."""
    import numpy as np
    import pyarrow as pa

    encoded = [value.encode() for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(item) for item in encoded], out=offsets[1:])
    return pa.Array.from_buffers(
        pa.string(), len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))], null_count=0
    )


def text_scalar(text: str) -> Any:
    """An Arrow string scalar, built from buffers: pyarrow turning a Python value into a scalar (pa.scalar, or a str,
    bool or number given to a compute function) imports pandas, 0.15 s a batch run (tests/test_batch.py)."""
    return string_array([text])[0]


def false_where_null(mask: Any) -> Any:
    """A boolean array with its nulls false (``fill_null(mask, False)`` without a Python scalar: ``text_scalar``)."""
    import pyarrow.compute as pc

    return pc.and_kleene(mask, pc.is_valid(mask))


def _bits(buffer: Any, offset: int, length: int) -> Any:
    import numpy as np

    packed = np.frombuffer(buffer, dtype=np.uint8)
    return np.unpackbits(packed, bitorder="little", count=offset + length)[offset:].astype(bool)


def _single(array: Any) -> Any:
    return array.combine_chunks() if hasattr(array, "combine_chunks") else array


def valid_of(array: Any) -> Any:
    """Validity as a numpy bool array (``to_numpy`` would import pandas)."""
    import numpy as np

    array = _single(array)
    bitmap = array.buffers()[0]
    if array.null_count == 0 or bitmap is None:
        return np.ones(len(array), dtype=bool)
    return _bits(bitmap, array.offset, len(array))


def values_of(array: Any) -> Any:
    """A numeric or boolean Arrow array's values as numpy (nulls: whatever the buffer holds)."""
    import numpy as np
    import pyarrow as pa

    array = _single(array)
    if pa.types.is_boolean(array.type):
        return _bits(array.buffers()[1], array.offset, len(array))
    dtype = np.int64 if pa.types.is_decimal(array.type) else np.dtype(array.type.to_pandas_dtype())
    return np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset : array.offset + len(array)]


def strings_of(array: Any) -> list[str]:
    """A string Arrow array as Python strings, '' for nulls."""
    import numpy as np
    import pyarrow as pa

    array = _single(array)
    if pa.types.is_dictionary(array.type):
        values = strings_of(array.dictionary)
        return [values[i] for i in values_of(array.indices).tolist()]
    wide = pa.types.is_large_string(array.type)
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64 if wide else np.int32)[
        array.offset : array.offset + len(array) + 1
    ]
    data = bytes(data_buffer) if data_buffer is not None else b""
    bounds = offsets.tolist()
    return [data[bounds[i] : bounds[i + 1]].decode() for i in range(len(array))]


def cents_of(money: Any) -> tuple[Any, Any]:
    """A decimal64(18, 2) array -> (int64 cents, validity mask) as numpy arrays."""
    return values_of(money), valid_of(money)


def dollars_of(money: Any) -> Any:
    """A decimal64(18, 2) array -> float64 dollars, NaN where null."""
    import numpy as np

    cents, valid = cents_of(money)
    return np.where(valid, cents / 100, np.nan)


def is_money(array: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_decimal(array.type))


def int_values(array: Any, missing: int) -> Any:
    """An Arrow integer array as int64 numpy, ``missing`` where null."""
    import numpy as np

    return np.where(valid_of(array), values_of(array), missing).astype(np.int64)
