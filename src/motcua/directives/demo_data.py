"""Demo directives for directive task tracking, taken from the province's own documents.

Every directive below comes from one of the province's 2023-2024 documents in
``shared/sources`` (see ``shared/README.md``):

- the conclusion notice of the workshop of 17/8/2023 ("Nâng cao chất lượng dịch vụ hành chính
  công trực tuyến hướng tới chính quyền số"): ``000_e78d3bbf9deb2d0b.txt``; a second copy, which
  also shows the signer's name, opens ``002_5e6681c869eff7fd.txt`` (the report on online public
  services);
- the chairman's letter on correcting administrative-procedure work (deadlines 18/10 to
  30/11/2023): ``001_5831c5ca321fcb51.txt``;
- the March 2024 letter on online payment and digitisation targets:
  ``003_263688b8843f176c.txt``;
- the 2024 communication plan on administrative-procedure control, digital transformation and
  Đề án 06/CP: ``004_e947feab25e80055.txt``.

None of the four texts prints both a number and a date: where the source leaves a field out,
it is "" (or None for dates) with a comment saying so, and ``related`` stays empty because no
document cites another one of this list.

``source`` is a verbatim quote (line breaks and the source's bold marks removed, words split
by a line-break hyphen rejoined); " … " marks an omission. ``content`` keeps the source's
wording. A task given to several named units is repeated once per unit. Agency names are
those of ``motcua.organisation.services.PROVINCE_AGENCIES``; ``ALL_DISTRICTS`` stands for the
district-level people's committees and ``ALL_DEPARTMENTS`` for all departments and agencies
("các sở, ban, ngành"). Dates are ISO; a date-only deadline is due by the end of that working
day, "trước 11h00, ngày 18/10/2023" is ``2023-10-18T11:00``, and "trong tháng 10/2023" is
the month's last day.
"""

from __future__ import annotations

from typing import Any

DEMO_DIRECTIVES: list[dict[str, Any]] = [
    # Source: 000_e78d3bbf9deb2d0b.txt (second copy in 002_5e6681c869eff7fd.txt).
    {
        # Not printed: neither copy of the notice (000, 002) shows its number or date. The '4695 /
        # 8/9/2023' stamp in 002 is the Academy's incoming-mail stamp, not the notice's number.
        "number": "",
        "kind": "conclusion_notice",
        # Not printed; the workshop was held on 17/8/2023.
        "issued_on": None,
        # 'UBND tỉnh thông báo đến các sở, ngành, địa phương'
        "issuer": "UBND tỉnh Bình Phước",
        # The title block is in both copies; the name only in the copy in 002.
        "signer": "Lê Văn Sâm – TL. Chủ tịch, KT. Chánh Văn phòng, Phó Chánh Văn phòng",
        "summary": (
            "Thông báo kết luận của Phó Chủ tịch UBND tỉnh Trần Tuyết Minh tại Hội "
            'thảo "Nâng cao chất lượng dịch vụ hành chính công trực tuyến hướng tới '
            'chính quyền số trên địa bàn tỉnh Bình Phước" ngày 17/8/2023. Giao nhiệm '
            "vụ cụ thể cho Sở Thông tin và Truyền thông, Văn phòng UBND tỉnh, Sở Tài "
            "nguyên và Môi trường, Sở Giáo dục và Đào tạo, Bảo hiểm xã hội tỉnh và "
            "UBND cấp huyện."
        ),
        "related": [],
        # Section II (nhiệm vụ cụ thể). The four general duties of section I (nhiệm vụ chung: công
        # khai, minh bạch; kênh tương tác; chất lượng dịch vụ công; tuyên truyền) carry no deadline
        # and are not listed as tasks.
        "tasks": [
            {
                "content": (
                    "Chủ trì phối hợp với Văn phòng UBND tỉnh và Viettel Bình Phước nghiên "
                    "cứu Cổng dịch vụ công tỉnh Thừa Thiên Huế để điều chỉnh, bổ sung và hoàn "
                    "thiện Cổng dịch vụ công tỉnh Bình Phước theo hướng tương thích, thân "
                    "thiện với người dùng. Kết quả thực hiện báo cáo về UBND tỉnh trước ngày "
                    "16/9/2023."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                # The source also names Viettel Bình Phước, which is not an agency here.
                "coordinating": ["Văn phòng Ủy ban nhân dân tỉnh"],
                "complete_by": None,
                "report_by": "2023-09-16",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Chủ trì phối hợp với Văn phòng UBND tỉnh và Viettel Bình Phước nghiên "
                    "cứu Cổng dịch vụ công tỉnh Thừa Thiên Huế để điều chỉnh, bổ sung và hoàn "
                    "thiện Cổng dịch vụ công tỉnh Bình Phước theo hướng tương thích, thân "
                    "thiện với người dùng. Kết quả thực hiện báo cáo về UBND tỉnh trước ngày "
                    "16/9/2023."
                ),
            },
            {
                "content": (
                    "Tham mưu UBND tỉnh đánh giá chất lượng, hiệu quả hoạt động Tổ công nghệ "
                    "số cộng đồng và Đề án 06 cấp xã. Thời hạn hoàn thành trước ngày "
                    "25/8/2023; báo cáo kết quả thực hiện về UBND tỉnh trước ngày 29/8/2023."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": "2023-08-25",
                "report_by": "2023-08-29",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Tham mưu UBND tỉnh đánh giá chất lượng, hiệu quả hoạt động Tổ công nghệ "
                    "số cộng đồng và Đề án 06 cấp xã. Thời hạn hoàn thành trước ngày "
                    "25/8/2023; báo cáo kết quả thực hiện về UBND tỉnh trước ngày 29/8/2023."
                ),
            },
            {
                "content": (
                    "Phối hợp với các doanh nghiệp viễn thông trên địa bàn tỉnh như: Viettel, "
                    "VNPT, Mobifone,.. tham mưu triển khai các trạm BTS, đặc biệt là khu vực "
                    'biên giới, vùng đồng bào dân tộc, vùng "lõm" sóng cũng như phủ mạng '
                    "internet phục vụ người dân trong việc sử dụng dịch vụ công trực tuyến."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                # The telecom companies (Viettel, VNPT, Mobifone) are not agencies here. No deadline
                # is given.
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Phối hợp với các doanh nghiệp viễn thông trên địa bàn tỉnh như: Viettel, "
                    "VNPT, Mobifone,.. tham mưu triển khai các trạm BTS, đặc biệt là khu vực "
                    'biên giới, vùng đồng bào dân tộc, vùng "lõm" sóng cũng như phủ mạng '
                    "internet phục vụ người dân trong việc sử dụng dịch vụ công trực tuyến."
                ),
            },
            {
                "content": (
                    "Tổng hợp, báo cáo kết quả Hội thảo và gửi báo cáo về UBND tỉnh trước "
                    "ngày 30/8/2023."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-08-30",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Tổng hợp, báo cáo kết quả Hội thảo và gửi báo cáo về UBND tỉnh trước "
                    "ngày 30/8/2023."
                ),
            },
            # The same paragraph asks the units whose plan must be redone to report 'về UBND tỉnh
            # (thông qua Văn phòng UBND tỉnh) trước ngày 30/8/2023'. That conditional duty of the
            # reviewed units is not a separate task here; the office's own report is due 25/8/2023
            # (earlier than 30/8, as printed).
            {
                "content": (
                    "Phối hợp với Sở Nội vụ rà soát, đánh giá, thẩm định việc tổ chức thực "
                    "hiện nội dung Mục 6 tại Công văn số 1763/UBND-NC ngày 31/5/2023 của UBND "
                    "tỉnh về nâng cao Chỉ số cải cách hành chính tỉnh năm 2023 của các sở, "
                    "ngành và UBND cấp huyện. Trường hợp nội dung Kế hoạch còn chung chung, "
                    "chưa có giải pháp cụ thể, rõ ràng để khắc phục những tồn tại, hạn chế "
                    "thì yêu cầu thực hiện lại. Văn phòng UBND tỉnh báo cáo kết quả thẩm "
                    "định, kèm theo đề xuất (nếu có) về UBND tỉnh trước ngày 25/8/2023."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": ["Sở Nội vụ"],
                "complete_by": None,
                "report_by": "2023-08-25",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Phối hợp với Sở Nội vụ rà soát, đánh giá, thẩm định việc tổ chức thực "
                    "hiện nội dung Mục 6 tại Công văn số 1763/UBND-NC ngày 31/5/2023 … Văn "
                    "phòng UBND tỉnh báo cáo kết quả thẩm định, kèm theo đề xuất (nếu có) về "
                    "UBND tỉnh trước ngày 25/8/2023."
                ),
            },
            {
                "content": (
                    "Tham khảo cách làm của tỉnh Hòa Bình trong việc hỗ trợ người dân tỉnh "
                    "Hòa Bình vào Thành phố Hồ Chí Minh làm việc thực hiện các thủ tục hành "
                    "chính (không phải quay về nơi cư trú xin xác nhận, tạo thuận lợi cho "
                    "việc thực hiện dịch vụ công trực tuyến). Báo cáo UBND tỉnh trước ngày "
                    "30/8/2023, kèm theo đề xuất (nếu có)."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-08-30",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Tham khảo cách làm của tỉnh Hòa Bình trong việc hỗ trợ người dân tỉnh "
                    "Hòa Bình vào Thành phố Hồ Chí Minh làm việc thực hiện các thủ tục hành "
                    "chính (không phải quay về nơi cư trú xin xác nhận, tạo thuận lợi cho "
                    "việc thực hiện dịch vụ công trực tuyến). Báo cáo UBND tỉnh trước ngày "
                    "30/8/2023, kèm theo đề xuất (nếu có)."
                ),
            },
            # No deadline is given. The copy of this notice in 002_5e6681c869eff7fd.txt reads 'tình
            # trạng ùn ứ' where 000_e78d3bbf9deb2d0b.txt reads 'tình trạng nhũng nhiễu'.
            {
                "content": (
                    "Tiếp tục rà soát, chỉ đạo Văn phòng đăng ký đất đai cấp huyện triển khai "
                    "thực hiện việc tiếp nhận và giải quyết hồ sơ thủ tục hành chính về lĩnh "
                    "vực đất đai cho tổ chức và người dân nhanh chóng, kịp thời, đúng quy "
                    "định; không để xảy ra tình trạng nhũng nhiễu trong quá trình thực hiện."
                ),
                "lead": "Sở Tài nguyên và Môi trường",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Giao Sở Tài nguyên và Môi trường tiếp tục rà soát, chỉ đạo Văn phòng "
                    "đăng ký đất đai cấp huyện triển khai thực hiện việc tiếp nhận và giải "
                    "quyết hồ sơ thủ tục hành chính về lĩnh vực đất đai cho tổ chức và người "
                    "dân nhanh chóng, kịp thời, đúng quy định; không để xảy ra tình trạng "
                    "nhũng nhiễu trong quá trình thực hiện."
                ),
            },
            # Item 4 of the notice holds two deliverables with their own deadlines: the draft plan
            # (30/8/2023) and the assessment itself (30/9/2023, next task).
            {
                "content": (
                    "Chủ trì, phối hợp với các sở, ngành và UBND cấp huyện tham mưu UBND tỉnh "
                    "ban hành Kế hoạch tổ chức đánh giá chất lượng giáo dục cấp tiểu học trên "
                    "phạm vi toàn tỉnh. Nội dung tham mưu gửi về UBND tỉnh trước ngày "
                    "30/8/2023."
                ),
                "lead": "Sở Giáo dục và Đào tạo",
                "coordinating": ["ALL_DEPARTMENTS", "ALL_DISTRICTS"],
                "complete_by": "2023-08-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành và UBND "
                    "cấp huyện tham mưu UBND tỉnh ban hành Kế hoạch tổ chức đánh giá chất "
                    "lượng giáo dục cấp tiểu học trên phạm vi toàn tỉnh. Nội dung tham mưu "
                    "gửi về UBND tỉnh trước ngày 30/8/2023"
                ),
            },
            {
                "content": (
                    "Tổ chức đánh giá chất lượng giáo dục cấp tiểu học trên phạm vi toàn "
                    "tỉnh, hoàn thành trước ngày 30/9/2023. Thành phần đánh giá, yêu cầu mời "
                    "một số chuyên gia về lĩnh vực này cùng dự."
                ),
                "lead": "Sở Giáo dục và Đào tạo",
                "coordinating": [],
                "complete_by": "2023-09-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "tổ chức đánh giá chất lượng giáo dục cấp tiểu học hoàn thành trước ngày "
                    "30/9/2023. Thành phần đánh giá, yêu cầu mời một số chuyên gia về lĩnh "
                    "vực này cùng dự."
                ),
            },
            {
                "content": (
                    "Khẩn trương rà soát đối với thông tin 15.000 trẻ em cấp bảo hiểm y tế "
                    "chưa xác thực với dữ liệu quốc gia về dân cư; cung cấp toàn bộ dữ liệu "
                    "liên quan về Công an tỉnh trước ngày 25/8/2023 để rà soát, làm sạch dữ "
                    "liệu thông tin."
                ),
                "lead": "Bảo hiểm xã hội tỉnh",
                # Công an tỉnh receives the data to review and clean it.
                "coordinating": ["Công an tỉnh"],
                "complete_by": "2023-08-25",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Giao Bảo hiểm xã hội tỉnh khẩn trương rà soát đối với thông tin 15.000 "
                    "trẻ em cấp bảo hiểm y tế chưa xác thực với dữ liệu quốc gia về dân cư; "
                    "cung cấp toàn bộ dữ liệu liên quan về Công an tỉnh trước ngày 25/8/2023 "
                    "để rà soát, làm sạch dữ liệu thông tin."
                ),
            },
            {
                "content": (
                    "Rà soát việc công bố, công khai Quy hoạch sử dụng đất và Kế hoạch sử "
                    "dụng đất trên website cổng thông tin điện tử của UBND cấp huyện. Thời "
                    "hạn hoàn thành trước ngày 25/8/2023; báo cáo về UBND tỉnh (thông qua Văn "
                    "phòng UBND tỉnh) trước ngày 30/8/2023."
                ),
                # 'Giao UBND cấp huyện'
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": "2023-08-25",
                "report_by": "2023-08-30",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Giao UBND cấp huyện rà soát việc công bố, công khai Quy hoạch sử dụng "
                    "đất và Kế hoạch sử dụng đất trên website cổng thông tin điện tử của UBND "
                    "cấp huyện. Thời hạn hoàn thành trước ngày 25/8/2023; báo cáo về UBND "
                    "tỉnh (thông qua Văn phòng UBND tỉnh) trước ngày 30/8/2023."
                ),
            },
        ],
    },
    # Source: 001_5831c5ca321fcb51.txt.
    {
        # Not printed: the text has no header (it starts at 'Kính gửi').
        "number": "",
        "kind": "official_letter",
        # Not printed. The letter cites a letter of 25/9/2023 and sets deadlines from 18/10/2023, so
        # it was issued between those dates.
        "issued_on": None,
        # 'Chủ tịch UBND tỉnh yêu cầu'; the province is not named in a header (none printed).
        "issuer": "UBND tỉnh Bình Phước",
        "signer": "Trần Tuyết Minh – KT. Chủ tịch, Phó Chủ tịch",
        "summary": (
            "Công văn của Chủ tịch UBND tỉnh gửi các sở, ban, ngành và UBND các "
            "huyện, thị xã, thành phố yêu cầu chấn chỉnh những tồn tại, hạn chế trong "
            "cải cách thủ tục hành chính và cung cấp dịch vụ công. Giao hoàn thành "
            "các nhiệm vụ còn tồn đọng, chuẩn hóa và tích hợp dịch vụ công trực "
            "tuyến, phân cấp, ủy quyền giải quyết TTHC và miễn, giảm phí, lệ phí, với "
            "thời hạn từ 18/10/2023 đến 30/11/2023."
        ),
        # The letter does not cite the workshop conclusion or another document of this list.
        "related": [],
        "tasks": [
            # Item 1 of the letter: unfinished tasks, each listed with the units that must finish
            # it, to report by 20/10/2023 (no separate completion date). One task per named unit.
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Giáo dục và Đào tạo",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Tài chính",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Giao thông vận tải",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Tài nguyên và Môi trường",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Nội vụ",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Ngoại vụ",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Tư pháp",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Lao động - Thương binh và Xã hội",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Y tế",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Hoàn thiện nhiệm vụ rà soát, chuẩn hóa mức độ dịch vụ công trực tuyến "
                    "(toàn trình, một phần) đối với bộ TTHC thuộc ngành, lĩnh vực nhằm thực "
                    "hiện nhiệm vụ tích hợp, đồng bộ lên Cổng DVCQG theo chỉ đạo của UBND "
                    "tỉnh tại Công văn số 3603/UBND-KSTTHC ngày 24/11/2022, Công văn số "
                    "1311/UBND-KSTTHC ngày 20/4/2023. Báo cáo kết quả thực hiện về UBND tỉnh "
                    "trước ngày 20/10/2023."
                ),
                "lead": "Sở Văn hóa - Thể thao và Du lịch",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023, cụ thể: - Hoàn thiện nhiệm vụ rà soát, chuẩn hóa … (các "
                    "sở: Giáo dục và Đào tạo, Tài chính, Giao thông vận tải, Tài nguyên và "
                    "Môi trường, Nội vụ, Ngoại vụ, Tư pháp, Lao động - Thương binh và Xã hội, "
                    "Y tế, Văn hóa, Thể thao và Du lịch)."
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Văn hóa - Thể thao và Du lịch",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Giáo dục và Đào tạo",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Khoa học và Công nghệ",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Lao động - Thương binh và Xã hội",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Giao thông vận tải",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Nội vụ",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Tài nguyên và Môi trường",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Tài chính",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, nhóm TTHC theo chỉ "
                    "đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày 30/8/2023 và Công văn "
                    "đôn đốc số 2486/VPUBND-KSTTHC ngày 25/9/2023 của Văn phòng UBND tỉnh. "
                    "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                # The letter names 9 district-level committees: Đồng Xoài, Bình Long, Phước Long,
                # Chơn Thành, Bù Đốp, Bù Đăng, Phú Riềng, Lộc Ninh, Đồng Phú.
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Rà soát, đánh giá, lập phương án đơn giản hóa TTHC, "
                    "nhóm TTHC theo chỉ đạo của UBND tỉnh tại Kế hoạch số 276/KH-UBND ngày "
                    "30/8/2023"
                ),
            },
            {
                "content": (
                    "Tham mưu công bố thủ tục hành chính nội bộ theo Kế hoạch số 316/KH-UBND "
                    "ngày 25/10/2022. Báo cáo kết quả thực hiện về UBND tỉnh trước ngày "
                    "20/10/2023."
                ),
                "lead": "Sở Tài nguyên và Môi trường",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Tham mưu công bố thủ tục hành chính nội bộ theo Kế "
                    "hoạch số 316/KH-UBND ngày 25/10/2022 (Sở Tài nguyên và Môi trường, Ban "
                    "Quản lý Khu kinh tế)."
                ),
            },
            {
                "content": (
                    "Tham mưu công bố thủ tục hành chính nội bộ theo Kế hoạch số 316/KH-UBND "
                    "ngày 25/10/2022. Báo cáo kết quả thực hiện về UBND tỉnh trước ngày "
                    "20/10/2023."
                ),
                "lead": "Ban Quản lý Khu kinh tế",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Tham mưu công bố thủ tục hành chính nội bộ theo Kế "
                    "hoạch số 316/KH-UBND ngày 25/10/2022 (Sở Tài nguyên và Môi trường, Ban "
                    "Quản lý Khu kinh tế)."
                ),
            },
            # The letter also names Điện lực tỉnh and Cục thuế, which are not agencies here and have
            # no close equivalent among them; no task is made for them.
            {
                "content": (
                    "Xử lý phản ánh, kiến nghị về thủ tục hành chính. Báo cáo kết quả thực "
                    "hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Y tế",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Xử lý phản ánh, kiến nghị về thủ tục hành chính (các "
                    "sở: Y tế, Tài nguyên và Môi trường, Tư pháp, Điện lực tỉnh, Cục thuế, "
                    "Bảo hiểm xã hội tỉnh; UBND cấp huyện: Bù Đốp, Đồng Phú, Bình Long)."
                ),
            },
            {
                "content": (
                    "Xử lý phản ánh, kiến nghị về thủ tục hành chính. Báo cáo kết quả thực "
                    "hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Tài nguyên và Môi trường",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Xử lý phản ánh, kiến nghị về thủ tục hành chính (các "
                    "sở: Y tế, Tài nguyên và Môi trường, Tư pháp, Điện lực tỉnh, Cục thuế, "
                    "Bảo hiểm xã hội tỉnh; UBND cấp huyện: Bù Đốp, Đồng Phú, Bình Long)."
                ),
            },
            {
                "content": (
                    "Xử lý phản ánh, kiến nghị về thủ tục hành chính. Báo cáo kết quả thực "
                    "hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Sở Tư pháp",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Xử lý phản ánh, kiến nghị về thủ tục hành chính (các "
                    "sở: Y tế, Tài nguyên và Môi trường, Tư pháp, Điện lực tỉnh, Cục thuế, "
                    "Bảo hiểm xã hội tỉnh; UBND cấp huyện: Bù Đốp, Đồng Phú, Bình Long)."
                ),
            },
            {
                "content": (
                    "Xử lý phản ánh, kiến nghị về thủ tục hành chính. Báo cáo kết quả thực "
                    "hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                "lead": "Bảo hiểm xã hội tỉnh",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Xử lý phản ánh, kiến nghị về thủ tục hành chính (các "
                    "sở: Y tế, Tài nguyên và Môi trường, Tư pháp, Điện lực tỉnh, Cục thuế, "
                    "Bảo hiểm xã hội tỉnh; UBND cấp huyện: Bù Đốp, Đồng Phú, Bình Long)."
                ),
            },
            {
                "content": (
                    "Xử lý phản ánh, kiến nghị về thủ tục hành chính. Báo cáo kết quả thực "
                    "hiện về UBND tỉnh trước ngày 20/10/2023."
                ),
                # The letter names 3 district-level committees: Bù Đốp, Đồng Phú, Bình Long.
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": "2023-10-20",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các cơ quan, đơn vị, địa phương khẩn trương chấn chỉnh, thực hiện các "
                    "nhiệm vụ chưa hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước "
                    "ngày 20/10/2023 … Xử lý phản ánh, kiến nghị về thủ tục hành chính (các "
                    "sở: Y tế, Tài nguyên và Môi trường, Tư pháp, Điện lực tỉnh, Cục thuế, "
                    "Bảo hiểm xã hội tỉnh; UBND cấp huyện: Bù Đốp, Đồng Phú, Bình Long)."
                ),
            },
            # The deadline is relative to each ministry decision (03 days), not a calendar date.
            {
                "content": (
                    "Các sở, ban, ngành chủ động, tham mưu kịp thời các Quyết định công bố "
                    "TTHC (trình UBND tỉnh chậm nhất 03 ngày kể từ ngày nhận được Quyết định "
                    "công bố TTHC của Bộ, ngành)."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ban, ngành chủ động, tham mưu kịp thời các Quyết định công bố "
                    "TTHC (trình UBND tỉnh chậm nhất 03 ngày kể từ ngày nhận được Quyết định "
                    "công bố TTHC của Bộ, ngành);"
                ),
            },
            {
                "content": (
                    "UBND cấp huyện tiếp tục chỉ đạo, nâng cao hiệu quả hoạt động của Bộ phận "
                    "một cửa, một cửa liên thông trong giải quyết TTHC."
                ),
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "UBND cấp huyện tiếp tục chỉ đạo, nâng cao hiệu quả hoạt động của Bộ phận "
                    "một cửa, một cửa liên thông trong giải quyết TTHC."
                ),
            },
            # No deadline is given.
            {
                "content": (
                    "Các sở, ban, ngành, địa phương thực hiện nghiêm kỷ luật, kỷ cương hành "
                    "chính trong tiếp nhận giải và quyết thủ tục hành chính, cung cấp dịch vụ "
                    "công đảm bảo đúng thời hạn quy định. Thực hiện nghiêm việc báo cáo giải "
                    "trình của người đứng đầu và xin lỗi người dân, doanh nghiệp đối với các "
                    "trường hợp giải quyết hồ sơ trễ hạn, tiêu cực trong giải quyết hồ sơ thủ "
                    "tục hành chính của cơ quan, đơn vị; khẩn trương tập trung nguồn lực đẩy "
                    "nhanh số hóa hồ sơ, kết quả giải quyết TTHC theo đúng quy định."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ban, ngành, địa phương thực hiện nghiêm kỷ luật, kỷ cương hành "
                    "chính trong tiếp nhận giải và quyết thủ tục hành chính, cung cấp dịch vụ "
                    "công đảm bảo đúng thời hạn quy định. … khẩn trương tập trung nguồn lực "
                    "đẩy nhanh số hóa hồ sơ, kết quả giải quyết TTHC theo đúng quy định."
                ),
            },
            {
                "content": (
                    "Các sở, ban, ngành, địa phương thực hiện nghiêm kỷ luật, kỷ cương hành "
                    "chính trong tiếp nhận giải và quyết thủ tục hành chính, cung cấp dịch vụ "
                    "công đảm bảo đúng thời hạn quy định. Thực hiện nghiêm việc báo cáo giải "
                    "trình của người đứng đầu và xin lỗi người dân, doanh nghiệp đối với các "
                    "trường hợp giải quyết hồ sơ trễ hạn, tiêu cực trong giải quyết hồ sơ thủ "
                    "tục hành chính của cơ quan, đơn vị; khẩn trương tập trung nguồn lực đẩy "
                    "nhanh số hóa hồ sơ, kết quả giải quyết TTHC theo đúng quy định."
                ),
                # 'địa phương'
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ban, ngành, địa phương thực hiện nghiêm kỷ luật, kỷ cương hành "
                    "chính trong tiếp nhận giải và quyết thủ tục hành chính, cung cấp dịch vụ "
                    "công đảm bảo đúng thời hạn quy định. … khẩn trương tập trung nguồn lực "
                    "đẩy nhanh số hóa hồ sơ, kết quả giải quyết TTHC theo đúng quy định."
                ),
            },
            # 'Hoàn thành trong tháng 11/2023'
            {
                "content": (
                    "Các sở, ngành, địa phương chủ động, khẩn trương rà soát, đánh giá TTHC, "
                    "báo cáo UBND tỉnh phương án tổng thể cắt giảm, đơn giản hóa các nhóm quy "
                    "định, TTHC trọng tâm, đang là rào cản, gây khó khăn cho người dân, doanh "
                    "nghiệp; hoàn thành việc thực thi phương án đơn giản hóa TTHC, giấy tờ "
                    "công dân liên quan đến quản lý dân cư, quy định kinh doanh, phân cấp, ủy "
                    "quyền trong giải quyết TTHC đã được UBND tỉnh giao tại Kế hoạch "
                    "302/KH-UBND ngày 18/10/2022. Hoàn thành trong tháng 11/2023."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chủ động, khẩn trương rà soát, đánh giá TTHC, "
                    "báo cáo UBND tỉnh phương án tổng thể cắt giảm, đơn giản hóa các nhóm quy "
                    "định, TTHC trọng tâm, đang là rào cản, gây khó khăn cho người dân, doanh "
                    "nghiệp; … Hoàn thành trong tháng 11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chủ động, khẩn trương rà soát, đánh giá TTHC, "
                    "báo cáo UBND tỉnh phương án tổng thể cắt giảm, đơn giản hóa các nhóm quy "
                    "định, TTHC trọng tâm, đang là rào cản, gây khó khăn cho người dân, doanh "
                    "nghiệp; hoàn thành việc thực thi phương án đơn giản hóa TTHC, giấy tờ "
                    "công dân liên quan đến quản lý dân cư, quy định kinh doanh, phân cấp, ủy "
                    "quyền trong giải quyết TTHC đã được UBND tỉnh giao tại Kế hoạch "
                    "302/KH-UBND ngày 18/10/2022. Hoàn thành trong tháng 11/2023."
                ),
                # 'địa phương'
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chủ động, khẩn trương rà soát, đánh giá TTHC, "
                    "báo cáo UBND tỉnh phương án tổng thể cắt giảm, đơn giản hóa các nhóm quy "
                    "định, TTHC trọng tâm, đang là rào cản, gây khó khăn cho người dân, doanh "
                    "nghiệp; … Hoàn thành trong tháng 11/2023."
                ),
            },
            # 'Hoàn thành trong tháng 10/2023'
            {
                "content": (
                    "Các sở, ngành rà soát, hoàn thiện số lượng và chất lượng cung cấp dịch "
                    "vụ công trực tuyến (toàn trình và một phần) thuộc thẩm quyền giải quyết "
                    "trên Cổng DVCQG và Hệ thống thông tin giải quyết TTHC cấp tỉnh (đã công "
                    "bố trước tháng 6/2023), phối hợp với Sở Thông tin và Truyền thông tích "
                    "hợp, đồng bộ, cung cấp DVC trực tuyến trên cơ sở dữ liệu Dịch vụ công "
                    "quốc gia. Hoàn thành trong tháng 10/2023."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": ["Sở Thông tin và Truyền thông"],
                "complete_by": "2023-10-31",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành rà soát, hoàn thiện số lượng và chất lượng cung cấp dịch "
                    "vụ công trực tuyến (toàn trình và một phần) thuộc thẩm quyền giải quyết "
                    "trên Cổng DVCQG … phối hợp với Sở Thông tin và Truyền thông tích hợp, "
                    "đồng bộ, cung cấp DVC trực tuyến trên cơ sở dữ liệu Dịch vụ công quốc "
                    "gia. Hoàn thành trong tháng 10/2023."
                ),
            },
            {
                "content": (
                    "Chủ trì phối hợp Văn phòng UBND tỉnh và các sở, ngành khẩn trương tập "
                    "trung làm sạch toàn bộ TTHC thuộc phạm vi quản lý đã được công bố, công "
                    "khai trên Hệ thống thông tin giải quyết TTHC tỉnh, Cơ sở dữ liệu quốc "
                    "gia về TTHC; đồng thời, tiếp tục thực hiện tái cấu trúc quy trình các "
                    "TTHC, dịch vụ công đã được tích hợp trên Cổng DVCQG và Hệ thống thông "
                    "tin giải quyết TTHC cấp tỉnh; song song đó, tiếp tục rà soát, tích hợp "
                    "331 DVC trực tuyến (chưa được tích hợp) lên cơ sở dữ liệu Dịch vụ công "
                    "quốc gia. Hoàn thành trước ngày 20/11/2023."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": ["Văn phòng Ủy ban nhân dân tỉnh", "ALL_DEPARTMENTS"],
                "complete_by": "2023-11-20",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Sở Thông tin và Truyền thông chủ trì phối hợp Văn phòng UBND tỉnh và các "
                    "sở, ngành khẩn trương tập trung làm sạch toàn bộ TTHC thuộc phạm vi quản "
                    "lý đã được công bố, công khai trên Hệ thống thông tin giải quyết TTHC "
                    "tỉnh, Cơ sở dữ liệu quốc gia về TTHC; … tiếp tục rà soát, tích hợp 331 "
                    "DVC trực tuyến (chưa được tích hợp) lên cơ sở dữ liệu Dịch vụ công quốc "
                    "gia. Hoàn thành trước ngày 20/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Nông nghiệp và Phát triển nông thôn",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Tư pháp",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Nội vụ",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Giáo dục và Đào tạo",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Tài chính",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Y tế",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Sở Văn hóa - Thể thao và Du lịch",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                "lead": "Ban Quản lý Khu kinh tế",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC khẩn trương thực hiện nhiệm vụ rà soát, xây dựng phương án phân "
                    "cấp, ủy quyền giải quyết TTHC theo đúng chỉ đạo của UBND tỉnh tại Công "
                    "văn số 2913/UBND-KSTTHC ngày 30/8/2021 và Kế hoạch 302/KH-UBND ngày "
                    "18/10/2022. Hoàn thành trước ngày 30/11/2023."
                ),
                # The letter names 5 district-level committees: Bù Gia Mập, Chơn Thành, Lộc Ninh, Bù
                # Đăng, Hớn Quản.
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": "2023-11-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ngành, địa phương chưa thực hiện phân cấp, ủy quyền giải quyết "
                    "TTHC (gồm các sở: Nông nghiệp và Phát triển nông thôn, Tư pháp, Nội vụ, "
                    "Giáo dục và Đào tạo, Tài chính, Y tế, Văn hóa, Thể thao và Du lịch, Ban "
                    "Quản lý Khu kinh tế; UBND cấp huyện: Bù Gia Mập, Chơn Thành, Lộc Ninh, "
                    "Bù Đăng, Hớn Quản) … Hoàn thành trước ngày 30/11/2023."
                ),
            },
            {
                "content": (
                    "Tham mưu văn bản đăng ký nội dung trình Thường trực Hội đồng nhân dân "
                    "tỉnh (Nghị quyết miễn, giảm phí, lệ phí TTHC thực hiện dịch vụ công trực "
                    "tuyến) gửi UBND tỉnh trước 11h00, ngày 18/10/2023."
                ),
                "lead": "Sở Tài chính",
                "coordinating": [],
                "complete_by": "2023-10-18T11:00",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Tham mưu văn bản đăng ký nội dung trình Thường trực Hội đồng nhân dân "
                    "tỉnh gửi UBND tỉnh trước 11h00, ngày 18/10/2023."
                ),
            },
            # No calendar date: the resolution goes to the HĐND's year-end session of 2023 ('Kỳ họp
            # cuối năm 2023').
            {
                "content": (
                    "Trên cơ sở rà soát, đề xuất mức giảm phí, lệ phí thực hiện dịch vụ công "
                    "trực tuyến của các sở, ngành (Tư pháp, Văn hóa, Thể thao và Du lịch, Tài "
                    "nguyên và Môi trường, Kế hoạch và Đầu tư), giao Sở Tài chính chủ trì, "
                    "phối hợp các sở, ngành liên quan tham mưu UBND tỉnh trình HĐND tỉnh (Kỳ "
                    "họp cuối năm 2023) thông qua Nghị quyết miễn, giảm phí, lệ phí TTHC thực "
                    "hiện dịch vụ công trực tuyến."
                ),
                "lead": "Sở Tài chính",
                # 'các sở, ngành liên quan': the four departments whose fee-reduction proposals the
                # resolution is based on.
                "coordinating": [
                    "Sở Tư pháp",
                    "Sở Văn hóa - Thể thao và Du lịch",
                    "Sở Tài nguyên và Môi trường",
                    "Sở Kế hoạch và Đầu tư",
                ],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Trên cơ sở rà soát, đề xuất mức giảm phí, lệ phí thực hiện dịch vụ công "
                    "trực tuyến của các sở, ngành (Tư pháp, Văn hóa, Thể thao và Du lịch, Tài "
                    "nguyên và Môi trường, Kế hoạch và Đầu tư), giao Sở Tài chính chủ trì, "
                    "phối hợp các sở, ngành liên quan tham mưu UBND tỉnh trình HĐND tỉnh (Kỳ "
                    "họp cuối năm 2023) thông qua Nghị quyết miễn, giảm phí, lệ phí TTHC thực "
                    "hiện dịch vụ công trực tuyến."
                ),
            },
            # The source names Viettel Bình Phước as partner; it is not an agency here.
            {
                "content": (
                    "Phối hợp với Viettel Bình Phước rà soát, điều chỉnh về mặt kỹ thuật, "
                    "chuẩn hóa số liệu thống kê hồ sơ giải quyết TTHC trễ hạn thống nhất giữa "
                    "Cổng DVCQG và Cổng DVC tỉnh. Hoàn thành trước ngày 26/10/2023."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": "2023-10-26",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Sở Thông tin và Truyền thông phối hợp với Viettel Bình Phước rà soát, "
                    "điều chỉnh về mặt kỹ thuật, chuẩn hóa số liệu thống kê hồ sơ giải quyết "
                    "TTHC trễ hạn thống nhất giữa Cổng DVCQG và Cổng DVC tỉnh. Hoàn thành "
                    "trước ngày 26/10/2023."
                ),
            },
            # Ongoing, no deadline. Item 11 (a general call to follow the directions of the
            # Government, ministries, Tỉnh ủy and UBND tỉnh) is not listed as a task.
            {
                "content": (
                    "Tiếp tục thực hiện đánh giá và công khai kết quả đánh giá chất lượng "
                    "phục vụ người dân, doanh nghiệp theo Quyết định số 766/QĐ-TTg ngày "
                    "23/6/2022 của Thủ tướng Chính phủ (theo số liệu trên cổng DVCQG)."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Văn phòng UBND tỉnh tiếp tục thực hiện đánh giá và công khai kết quả "
                    "đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Quyết định số "
                    "766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ (theo số liệu trên "
                    "cổng DVCQG)."
                ),
            },
        ],
    },
    # Source: 003_263688b8843f176c.txt.
    {
        # Printed as 'Số: /UBND-KSTTHC': the number is left blank.
        "number": "",
        "kind": "official_letter",
        # Printed as 'ngày   tháng 3 năm 2024': the day is left blank. The text cites the ranking
        # 'tại thời điểm 27/3/2024' and sets a deadline of 31/3/2024.
        "issued_on": None,
        "issuer": "Ủy ban nhân dân tỉnh Bình Phước",
        "signer": "Trần Tuyết Minh – KT. Chủ tịch, Phó Chủ tịch",
        "summary": (
            "Công văn V/v tăng cường triển khai thực hiện các giải pháp nâng cao chỉ "
            "tiêu thanh toán trực tuyến và số hóa hồ sơ, kết quả giải quyết TTHC năm "
            "2024. Đánh giá các chỉ số quý I/2024 và giao nhiệm vụ, chỉ tiêu thanh "
            "toán trực tuyến quý II/2024 và năm 2024."
        ),
        # The letter cites no other document of this list.
        "related": [],
        "tasks": [
            # 'các sở, ban, ngành và địa phương'; no deadline.
            {
                "content": (
                    "Tăng cường công tác tuyên truyền trên các phương tiện thông tin về ý "
                    "nghĩa, vai trò, hiệu quả và các tiện ích của dịch vụ công trực tuyến, "
                    "thanh toán trực tuyến; cần chú trọng đổi mới nội dung và hình thức tuyên "
                    "truyền phù hợp với từng đối tượng thụ hưởng để người dân, doanh nghiệp "
                    "hiểu rõ hơn về lợi ích mang lại, từ đó thay đổi nếp nghĩ, thói quen sử "
                    "dụng."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Tăng cường công tác tuyên truyền trên các phương tiện thông tin về ý "
                    "nghĩa, vai trò, hiệu quả và các tiện ích của dịch vụ công trực tuyến, "
                    "thanh toán trực tuyến; cần chú trọng đổi mới nội dung và hình thức tuyên "
                    "truyền phù hợp với từng đối tượng thụ hưởng để người dân, doanh nghiệp "
                    "hiểu rõ hơn về lợi ích mang lại, từ đó thay đổi nếp nghĩ, thói quen sử "
                    "dụng."
                ),
            },
            {
                "content": (
                    "Tăng cường công tác tuyên truyền trên các phương tiện thông tin về ý "
                    "nghĩa, vai trò, hiệu quả và các tiện ích của dịch vụ công trực tuyến, "
                    "thanh toán trực tuyến; cần chú trọng đổi mới nội dung và hình thức tuyên "
                    "truyền phù hợp với từng đối tượng thụ hưởng để người dân, doanh nghiệp "
                    "hiểu rõ hơn về lợi ích mang lại, từ đó thay đổi nếp nghĩ, thói quen sử "
                    "dụng."
                ),
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Tăng cường công tác tuyên truyền trên các phương tiện thông tin về ý "
                    "nghĩa, vai trò, hiệu quả và các tiện ích của dịch vụ công trực tuyến, "
                    "thanh toán trực tuyến; cần chú trọng đổi mới nội dung và hình thức tuyên "
                    "truyền phù hợp với từng đối tượng thụ hưởng để người dân, doanh nghiệp "
                    "hiểu rõ hơn về lợi ích mang lại, từ đó thay đổi nếp nghĩ, thói quen sử "
                    "dụng."
                ),
            },
            # Online-payment target of quarter II/2024 for the province-level units (cấp tỉnh 50%).
            {
                "content": (
                    "Chỉ đạo đội ngũ cán bộ, công chức, viên chức trực tiếp làm việc tại Bộ "
                    "phận tiếp nhận và trả kết quả các cấp tích cực tuyên truyền, vận động, "
                    "hướng dẫn người dân tham gia thanh toán trực tuyến trên hệ thống một cửa "
                    "điện tử tích hợp Cổng dịch vụ công. Quyết tâm đạt tỉ lệ thanh toán trực "
                    "tuyến trong quý II/2024 (cấp tỉnh 50%, cấp huyện 40%, cấp xã đạt 30%): "
                    "chỉ tiêu cấp tỉnh 50%."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": "2024-06-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "tích cực tuyên truyền, vận động, hướng dẫn người dân tham gia thanh toán "
                    "trực tuyến trên hệ thống một cửa điện tử tích hợp Cổng dịch vụ công. "
                    "Quyết tâm đạt tỉ lệ thanh toán trực tuyến trong quý II/2024 (cấp tỉnh "
                    "50%, cấp huyện 40%, cấp xã đạt 30%) và đạt chỉ tiêu đến hết năm 2024 "
                    "(cấp tỉnh 70%, cấp huyện 60%, cấp xã đạt 50%)."
                ),
            },
            # Quarter II/2024 for the district level and, through the district committees, their
            # communes (cấp huyện 40%, cấp xã 30%).
            {
                "content": (
                    "Chỉ đạo đội ngũ cán bộ, công chức, viên chức trực tiếp làm việc tại Bộ "
                    "phận tiếp nhận và trả kết quả các cấp tích cực tuyên truyền, vận động, "
                    "hướng dẫn người dân tham gia thanh toán trực tuyến trên hệ thống một cửa "
                    "điện tử tích hợp Cổng dịch vụ công. Quyết tâm đạt tỉ lệ thanh toán trực "
                    "tuyến trong quý II/2024 (cấp tỉnh 50%, cấp huyện 40%, cấp xã đạt 30%): "
                    "chỉ tiêu cấp huyện 40%, cấp xã đạt 30%."
                ),
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": "2024-06-30",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "tích cực tuyên truyền, vận động, hướng dẫn người dân tham gia thanh toán "
                    "trực tuyến trên hệ thống một cửa điện tử tích hợp Cổng dịch vụ công. "
                    "Quyết tâm đạt tỉ lệ thanh toán trực tuyến trong quý II/2024 (cấp tỉnh "
                    "50%, cấp huyện 40%, cấp xã đạt 30%) và đạt chỉ tiêu đến hết năm 2024 "
                    "(cấp tỉnh 70%, cấp huyện 60%, cấp xã đạt 50%)."
                ),
            },
            # Target for the end of 2024, province level (cấp tỉnh 70%).
            {
                "content": (
                    "Chỉ đạo đội ngũ cán bộ, công chức, viên chức trực tiếp làm việc tại Bộ "
                    "phận tiếp nhận và trả kết quả các cấp tích cực tuyên truyền, vận động, "
                    "hướng dẫn người dân tham gia thanh toán trực tuyến trên hệ thống một cửa "
                    "điện tử tích hợp Cổng dịch vụ công. Quyết tâm đạt chỉ tiêu đến hết năm "
                    "2024 (cấp tỉnh 70%, cấp huyện 60%, cấp xã đạt 50%): chỉ tiêu cấp tỉnh "
                    "70%."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": "2024-12-31",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "tích cực tuyên truyền, vận động, hướng dẫn người dân tham gia thanh toán "
                    "trực tuyến trên hệ thống một cửa điện tử tích hợp Cổng dịch vụ công. "
                    "Quyết tâm đạt tỉ lệ thanh toán trực tuyến trong quý II/2024 (cấp tỉnh "
                    "50%, cấp huyện 40%, cấp xã đạt 30%) và đạt chỉ tiêu đến hết năm 2024 "
                    "(cấp tỉnh 70%, cấp huyện 60%, cấp xã đạt 50%)."
                ),
            },
            # Target for the end of 2024, district and commune level (cấp huyện 60%, cấp xã 50%).
            {
                "content": (
                    "Chỉ đạo đội ngũ cán bộ, công chức, viên chức trực tiếp làm việc tại Bộ "
                    "phận tiếp nhận và trả kết quả các cấp tích cực tuyên truyền, vận động, "
                    "hướng dẫn người dân tham gia thanh toán trực tuyến trên hệ thống một cửa "
                    "điện tử tích hợp Cổng dịch vụ công. Quyết tâm đạt chỉ tiêu đến hết năm "
                    "2024 (cấp tỉnh 70%, cấp huyện 60%, cấp xã đạt 50%): chỉ tiêu cấp huyện "
                    "60%, cấp xã đạt 50%."
                ),
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": "2024-12-31",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "tích cực tuyên truyền, vận động, hướng dẫn người dân tham gia thanh toán "
                    "trực tuyến trên hệ thống một cửa điện tử tích hợp Cổng dịch vụ công. "
                    "Quyết tâm đạt tỉ lệ thanh toán trực tuyến trong quý II/2024 (cấp tỉnh "
                    "50%, cấp huyện 40%, cấp xã đạt 30%) và đạt chỉ tiêu đến hết năm 2024 "
                    "(cấp tỉnh 70%, cấp huyện 60%, cấp xã đạt 50%)."
                ),
            },
            # Item 3 of the letter.
            {
                "content": (
                    "Các sở, ban, ngành và địa phương chủ trì, phối hợp Sở Thông tin và "
                    "Truyền thông tiếp tục rà soát lại các TTHC có phí hoặc không có phí để "
                    "cập nhật vào Cổng DVC tỉnh đồng bộ với Cổng DVC quốc gia, thời hạn hoàn "
                    "thành trước ngày 04/4/2024; triển khai thực hiện số hóa hồ sơ thủ tục "
                    "hành chính theo đúng quy định; số hóa dữ liệu, kết nối, chia sẻ, khai "
                    "thác, tái sử dụng dữ liệu và hoàn thiện các quy định pháp luật chuyên "
                    "ngành nhằm cung cấp dịch vụ công một cách thực chất và hiệu quả."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": ["Sở Thông tin và Truyền thông"],
                "complete_by": "2024-04-04",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ban, ngành và địa phương chủ trì, phối hợp Sở Thông tin và "
                    "Truyền thông tiếp tục rà soát lại các TTHC có phí hoặc không có phí để "
                    "cập nhật vào Cổng DVC tỉnh đồng bộ với Cổng DVC quốc gia, thời hạn hoàn "
                    "thành trước ngày 04/4/2024;"
                ),
            },
            {
                "content": (
                    "Các sở, ban, ngành và địa phương chủ trì, phối hợp Sở Thông tin và "
                    "Truyền thông tiếp tục rà soát lại các TTHC có phí hoặc không có phí để "
                    "cập nhật vào Cổng DVC tỉnh đồng bộ với Cổng DVC quốc gia, thời hạn hoàn "
                    "thành trước ngày 04/4/2024; triển khai thực hiện số hóa hồ sơ thủ tục "
                    "hành chính theo đúng quy định; số hóa dữ liệu, kết nối, chia sẻ, khai "
                    "thác, tái sử dụng dữ liệu và hoàn thiện các quy định pháp luật chuyên "
                    "ngành nhằm cung cấp dịch vụ công một cách thực chất và hiệu quả."
                ),
                "lead": "ALL_DISTRICTS",
                "coordinating": ["Sở Thông tin và Truyền thông"],
                "complete_by": "2024-04-04",
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các sở, ban, ngành và địa phương chủ trì, phối hợp Sở Thông tin và "
                    "Truyền thông tiếp tục rà soát lại các TTHC có phí hoặc không có phí để "
                    "cập nhật vào Cổng DVC tỉnh đồng bộ với Cổng DVC quốc gia, thời hạn hoàn "
                    "thành trước ngày 04/4/2024;"
                ),
            },
            # Item 4.2. The source adds that this was already ordered in letters 4013/UBND-KSTTHC
            # (07/11/2023), 4630/UBND-KSTTHC (20/12/2023), 4677/UBND-KSTTHC (25/12/2023) and
            # 152/UBND-KSTTHC (12/01/2024).
            {
                "content": (
                    "Hoàn thành nhiệm vụ đồng bộ dữ liệu thủ tục hành chính trên Cổng dịch vụ "
                    "công quốc gia theo bộ chỉ số phục vụ người dân, doanh nghiệp trong thực "
                    "hiện thủ tục hành chính, cung cấp dịch vụ công. Thời hạn hoàn thành chậm "
                    "nhất là ngày 31/3/2024; báo cáo kết quả về UBND tỉnh trước ngày "
                    "02/4/2024."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": "2024-03-31",
                "report_by": "2024-04-02",
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Hoàn thành nhiệm vụ đồng bộ dữ liệu thủ tục hành chính trên Cổng dịch vụ "
                    "công quốc gia theo bộ chỉ số phục vụ người dân, doanh nghiệp trong thực "
                    "hiện thủ tục hành chính, cung cấp dịch vụ công … Thời hạn hoàn thành "
                    "chậm nhất là ngày 31/3/2024; báo cáo kết quả về UBND tỉnh trước ngày "
                    "02/4/2024."
                ),
            },
            {
                "content": (
                    "Cử bộ phận kỹ thuật tích cực hướng dẫn, hỗ trợ nghiệp vụ về thanh toán "
                    "trực tuyến, số hóa hồ sơ thủ tục hành chính, dịch vụ công trực tuyến đối "
                    "với các đơn vị có chỉ số yếu, trung bình."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Cử bộ phận kỹ thuật tích cực hướng dẫn, hỗ trợ nghiệp vụ về thanh toán "
                    "trực tuyến, số hóa hồ sơ thủ tục hành chính, dịch vụ công trực tuyến đối "
                    "với các đơn vị có chỉ số yếu, trung bình."
                ),
            },
            # Monthly, but neither the day of the month nor an end date is printed (the letter is
            # about the 2024 targets). Item 4.1 (accountability of the heads of units) is not a
            # task.
            {
                "content": (
                    "Tiếp tục theo dõi, kiểm tra, đôn đốc và định kỳ hàng tháng báo cáo kết "
                    "quả thực hiện về UBND tỉnh để có chỉ đạo kịp thời."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": "monthly",
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Giao Văn phòng UBND tỉnh tiếp tục theo dõi, kiểm tra, đôn đốc và định kỳ "
                    "hàng tháng báo cáo kết quả thực hiện về UBND tỉnh để có chỉ đạo kịp "
                    "thời."
                ),
            },
        ],
    },
    # Source: 004_e947feab25e80055.txt.
    {
        # Not printed: the text has no header (it starts at 'KẾ HOẠCH').
        "number": "",
        "kind": "plan",
        # Not printed. The plan cites Chỉ thị 04/CT-TTg of 11/02/2024, so it is later than that.
        "issued_on": None,
        # 'Chủ tịch UBND tỉnh ban hành Kế hoạch ... trên địa bàn tỉnh Bình Phước'
        "issuer": "UBND tỉnh Bình Phước",
        "signer": "Trần Tuyết Minh – KT. Chủ tịch, Phó Chủ tịch",
        "summary": (
            "Kế hoạch truyền thông về hoạt động kiểm soát thủ tục hành chính gắn với "
            "chuyển đổi số và Đề án 06/CP năm 2024 trên địa bàn tỉnh Bình Phước. Phân "
            "công Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông, các sở, ban, "
            "ngành và địa phương tổ chức tuyên truyền và báo cáo kết quả định kỳ hằng "
            "quý."
        ),
        # The plan cites no other document of this list.
        "related": [],
        "tasks": [
            # Section II.2 of the plan; no deadline. One task per named unit.
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Nội vụ",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Tư pháp",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Tài chính",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Kế hoạch và Đầu tư",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Văn hóa - Thể thao và Du lịch",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                "lead": "Sở Tài nguyên và Môi trường",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            {
                "content": (
                    "Xây dựng một số chuyên đề về công tác kiểm soát thủ tục hành chính gắn "
                    "với chuyển đổi số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên "
                    "thông thuộc lĩnh vực quản lý của đơn vị."
                ),
                # The plan names 3 district-level committees: Đồng Xoài, Bù Đăng, Chơn Thành.
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Các đơn vị: các Sở: Nội vụ, Thông tin và Truyền thông, Tư pháp, Tài "
                    "chính, Kế hoạch và Đầu tư, Văn hóa, Thể thao và Du lịch, Tài nguyên và "
                    "Môi trường; UBND cấp huyện: Đồng Xoài, Bù Đăng, Chơn Thành: Xây dựng một "
                    "số chuyên đề về công tác kiểm soát thủ tục hành chính gắn với chuyển đổi "
                    "số và Đề án 06/CP; thực hiện cơ chế một cửa, một cửa liên thông thuộc "
                    "lĩnh vực quản lý của đơn vị."
                ),
            },
            # Section V.2. Đài Phát thanh - Truyền hình và Báo Bình Phước is not an agency here.
            {
                "content": (
                    "Phối kết hợp Đài Phát thanh - Truyền hình và Báo Bình Phước xây dựng "
                    "chương trình cụ thể về thời lượng đưa tin và phát sóng tuyên truyền, xây "
                    "dựng kịch bản quay video, in pano, áp phích truyền thông về các nội dung "
                    "Kế hoạch này; cập nhật, đưa tin, bài giới thiệu sáng kiến, kinh nghiệm, "
                    "gương cá nhân, tập thể tiêu biểu điển hình trong việc thực hiện nhiệm vụ "
                    "tiếp nhận, tác nghiệp và giải quyết trả kết quả thủ tục hành chính."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Phối kết hợp Đài Phát thanh - Truyền hình và Báo Bình Phước xây dựng "
                    "chương trình cụ thể về thời lượng đưa tin và phát sóng tuyên truyền, xây "
                    "dựng kịch bản quay video, in pano, áp phích truyền thông về các nội dung "
                    "Kế hoạch này; … cập nhật, đưa tin, bài giới thiệu sáng kiến, kinh "
                    "nghiệm, gương cá nhân, tập thể tiêu biểu điển hình"
                ),
            },
            {
                "content": (
                    "Phối hợp với Sở Thông tin và Truyền thông các đơn vị có liên quan bảo "
                    "đảm và thường xuyên duy trì đường kết nối giữa Cổng Dịch vụ công quốc "
                    "gia với Cổng Dịch vụ công tỉnh; thường xuyên cập nhật, đưa thông tin về "
                    "cải cách, hoạt động kiểm soát thủ tục hành chính, việc ứng dụng công "
                    "nghệ thông tin, dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia "
                    "tại địa chỉ website: https://dichvucong.gov.vn; "
                    "https://pakn.dichvucong.gov.vn và Cổng Dịch vụ công tỉnh tại địa chỉ "
                    "https://dichvucong.binhphuoc.gov.vn bảo đảm vận hành thông suốt, đảm bảo "
                    "an toàn và an ninh thông tin."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": ["Sở Thông tin và Truyền thông"],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Phối hợp với Sở Thông tin và Truyền thông các đơn vị có liên quan bảo "
                    "đảm và thường xuyên duy trì đường kết nối giữa Cổng Dịch vụ công quốc "
                    "gia … bảo đảm vận hành thông suốt, đảm bảo an toàn và an ninh thông tin;"
                ),
            },
            # 'định kỳ ... theo quy định': the period is not printed, so no recurrence is set.
            {
                "content": (
                    "Có trách nhiệm theo dõi, đôn đốc, kiểm tra việc tổ chức, triển khai thực "
                    "hiện Kế hoạch này; định kỳ tổng hợp báo cáo UBND tỉnh theo quy định."
                ),
                "lead": "Văn phòng Ủy ban nhân dân tỉnh",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Có trách nhiệm theo dõi, đôn đốc, kiểm tra việc tổ chức, triển khai thực "
                    "hiện Kế hoạch này; định kỳ tổng hợp báo cáo UBND tỉnh theo quy định."
                ),
            },
            # Section V.3.
            {
                "content": (
                    "Bảo đảm và thường xuyên duy trì đường kết nối và đồng bộ, thống nhất cơ "
                    "sở dữ liệu giữa Cổng Dịch vụ công quốc gia với Cổng Dịch vụ công tỉnh; "
                    "thường xuyên cập nhật, công khai kịp thời trên Cổng thông tin điện tử, "
                    "Cổng Dịch vụ công tỉnh về chủ trương của Đảng, chính sách, pháp luật của "
                    "nhà nước về công tác chuyển đổi số gắn với công tác cải cách, kiểm soát "
                    "thủ tục hành chính trên địa bàn tỉnh."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Bảo đảm và thường xuyên duy trì đường kết nối và đồng bộ, thống nhất cơ "
                    "sở dữ liệu giữa Cổng Dịch vụ công quốc gia với Cổng Dịch vụ công tỉnh; "
                    "thường xuyên cập nhật, công khai kịp thời trên Cổng thông tin điện tử, "
                    "Cổng Dịch vụ công tỉnh về chủ trương của Đảng, chính sách, pháp luật của "
                    "nhà nước về công tác chuyển đổi số gắn với công tác cải cách, kiểm soát "
                    "thủ tục hành chính trên địa bàn tỉnh;"
                ),
            },
            {
                "content": (
                    "Phối hợp với Văn phòng UBND tỉnh cập nhật kết quả thực hiện nhiệm vụ về "
                    "công tác cải cách, kiểm soát thủ tục hành chính gắn với chuyển đổi số và "
                    "Đề án 06/CP để tổ chức, cá nhân kịp thời nắm bắt những kết quả về công "
                    "tác này."
                ),
                "lead": "Sở Thông tin và Truyền thông",
                "coordinating": ["Văn phòng Ủy ban nhân dân tỉnh"],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Phối hợp với Văn phòng UBND tỉnh cập nhật kết quả thực hiện nhiệm vụ về "
                    "công tác cải cách, kiểm soát thủ tục hành chính gắn với chuyển đổi số và "
                    "Đề án 06/CP để tổ chức, cá nhân kịp thời nắm bắt những kết quả về công "
                    "tác này."
                ),
            },
            # Section V.4 'Các sở, ban, ngành, UBND các cấp'; no deadline.
            {
                "content": (
                    "Theo chức năng, nhiệm vụ và tình hình thực tế của đơn vị, địa phương để "
                    "xây dựng Kế hoạch truyền thông kiểm soát thủ tục hành chính gắn với "
                    "chuyển đổi số và Đề án 06/CP năm 2024 (có thể lồng ghép trong Kế hoạch "
                    "công tác khác có liên quan của đơn vị) để tổ chức triển khai thực hiện "
                    "hiệu quả, thực chất; Chỉ đạo các cơ quan, đơn vị trực thuộc đẩy mạnh "
                    "công tác tuyên truyền bằng nhiều hình thức, cách thức phù hợp; tăng "
                    "cường công tác kiểm tra, đặc biệt kiểm tra việc công khai, minh bạch các "
                    "thủ tục hành chính."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Theo chức năng, nhiệm vụ và tình hình thực tế của đơn vị, địa phương để "
                    "xây dựng Kế hoạch truyền thông kiểm soát thủ tục hành chính gắn với "
                    "chuyển đổi số và Đề án 06/CP năm 2024 … Chỉ đạo các cơ quan, đơn vị trực "
                    "thuộc đẩy mạnh công tác tuyên truyền bằng nhiều hình thức, cách thức phù "
                    "hợp; tăng cường công tác kiểm tra, đặc biệt kiểm tra việc công khai, "
                    "minh bạch các thủ tục hành chính."
                ),
            },
            # 'UBND các cấp': the district committees (communes through them).
            {
                "content": (
                    "Theo chức năng, nhiệm vụ và tình hình thực tế của đơn vị, địa phương để "
                    "xây dựng Kế hoạch truyền thông kiểm soát thủ tục hành chính gắn với "
                    "chuyển đổi số và Đề án 06/CP năm 2024 (có thể lồng ghép trong Kế hoạch "
                    "công tác khác có liên quan của đơn vị) để tổ chức triển khai thực hiện "
                    "hiệu quả, thực chất; Chỉ đạo các cơ quan, đơn vị trực thuộc đẩy mạnh "
                    "công tác tuyên truyền bằng nhiều hình thức, cách thức phù hợp; tăng "
                    "cường công tác kiểm tra, đặc biệt kiểm tra việc công khai, minh bạch các "
                    "thủ tục hành chính."
                ),
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": None,
                "recurrence_day": None,
                "recurrence_until": None,
                "source": (
                    "Theo chức năng, nhiệm vụ và tình hình thực tế của đơn vị, địa phương để "
                    "xây dựng Kế hoạch truyền thông kiểm soát thủ tục hành chính gắn với "
                    "chuyển đổi số và Đề án 06/CP năm 2024 … Chỉ đạo các cơ quan, đơn vị trực "
                    "thuộc đẩy mạnh công tác tuyên truyền bằng nhiều hình thức, cách thức phù "
                    "hợp; tăng cường công tác kiểm tra, đặc biệt kiểm tra việc công khai, "
                    "minh bạch các thủ tục hành chính."
                ),
            },
            # Section V.6. Reports due before the 15th of the last month of each quarter: 15/3,
            # 15/6, 15/9 and, for the year, 15/12/2024 ('tháng cuối ... năm'). The plan is for 2024,
            # hence the end date. Section V.5 (Đài Phát thanh - Truyền hình và Báo Bình Phước) is
            # not listed: that unit is not an agency here.
            {
                "content": (
                    "Định kỳ trước ngày 15 tháng cuối Quý I, Quý II, Quý III và năm, kết hợp "
                    "kết quả thực hiện các nội dung Kế hoạch truyền thông vào báo cáo tình "
                    "hình, kết quả kiểm soát thủ tục hành chính gửi về UBND tỉnh (thông qua "
                    "Văn phòng UBND tỉnh)."
                ),
                "lead": "ALL_DEPARTMENTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": "quarterly",
                "recurrence_day": 15,
                "recurrence_until": "2024-12-31",
                "source": (
                    "Định kỳ trước ngày 15 tháng cuối Quý I, Quý II, Quý III và năm, các cơ "
                    "quan, đơn vị, địa phương kết hợp kết quả thực hiện các nội dung Kế hoạch "
                    "này vào báo cáo tình hình, kết quả kiểm soát thủ tục hành chính gửi về "
                    "UBND tỉnh (thông qua Văn phòng UBND tỉnh) để tổng hợp báo cáo Chủ tịch "
                    "UBND tỉnh."
                ),
            },
            {
                "content": (
                    "Định kỳ trước ngày 15 tháng cuối Quý I, Quý II, Quý III và năm, kết hợp "
                    "kết quả thực hiện các nội dung Kế hoạch truyền thông vào báo cáo tình "
                    "hình, kết quả kiểm soát thủ tục hành chính gửi về UBND tỉnh (thông qua "
                    "Văn phòng UBND tỉnh)."
                ),
                # 'các cơ quan, đơn vị, địa phương'
                "lead": "ALL_DISTRICTS",
                "coordinating": [],
                "complete_by": None,
                "report_by": None,
                "recurrence": "quarterly",
                "recurrence_day": 15,
                "recurrence_until": "2024-12-31",
                "source": (
                    "Định kỳ trước ngày 15 tháng cuối Quý I, Quý II, Quý III và năm, các cơ "
                    "quan, đơn vị, địa phương kết hợp kết quả thực hiện các nội dung Kế hoạch "
                    "này vào báo cáo tình hình, kết quả kiểm soát thủ tục hành chính gửi về "
                    "UBND tỉnh (thông qua Văn phòng UBND tỉnh) để tổng hợp báo cáo Chủ tịch "
                    "UBND tỉnh."
                ),
            },
        ],
    },
]
