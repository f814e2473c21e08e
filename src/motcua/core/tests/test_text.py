from motcua.core.text import fold


def test_fold_strips_vietnamese_diacritics_and_d_bar() -> None:
    assert fold("  Đồng   Xoài ") == "dong xoai"
    assert fold("Bù Gia Mập") == "bu gia map"
    assert fold("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh"
