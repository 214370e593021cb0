export const HELP = `vanphong — Văn phòng điện tử

Mọi lệnh nhận --data-dir DIR (mặc định: thư mục dữ liệu của người dùng hoặc VANPHONG_DATA_DIR), --json và --user TÊN,
đặt trước hoặc sau tên lệnh: «vanphong --data-dir DIR incoming list» như «vanphong incoming list --data-dir DIR».

  vanphong incoming add --subject TEXT --sender TEXT --ref "SỐ/KÝ-HIỆU" --date YYYY-MM-DD
                        [--arrived YYYY-MM-DD] [--type NAME] [--urgency khan|thuong-khan|hoa-toc]
                        [--secrecy mat|toi-mat|tuyet-mat] [--book NAME] [--pages N] [--file PATH]...
                        [--allow-duplicate] [--no-wait]
                        (ảnh quét, PDF không có lớp chữ: nhận dạng chữ (OCR) ngay, tiến độ trên stderr;
                        --no-wait: để máy chủ hoặc chế độ trình duyệt nhận dạng sau)
  vanphong incoming list [--year N] [--book NAME] [--limit N] [--offset N]
  vanphong incoming show ID
  vanphong incoming route ID --lead TÊN [--co "A;B"] [--info "C;D"] [--instruction TEXT] [--deadline YYYY-MM-DD]
                        (TÊN: đơn vị của cơ quan, tài khoản hoặc cơ quan bên ngoài; văn bản mật tự vào sổ mật)
  vanphong incoming submit ID --to LÃNH-ĐẠO [--note TEXT]                  (văn thư trình lãnh đạo)
  vanphong incoming instruct ID --lead ĐƠN-VỊ|NGƯỜI [--co "A;B"] [--info "C;D"]
                        [--deadline YYYY-MM-DD | --working-days N] --note "bút phê"
  vanphong incoming assign ID --to NGƯỜI [--role lead|co] [--deadline YYYY-MM-DD] [--note TEXT]
                        (trưởng đơn vị phân công người trong đơn vị)
  vanphong incoming progress ID --percent N --note TEXT
  vanphong incoming finish ID [--reply MÃ-VĂN-BẢN-ĐI] [--note TEXT]
  vanphong incoming return ID --note TEXT                                   (lãnh đạo trả lại văn thư)
  vanphong incoming sheet ID --out FILE.pdf|FILE.docx                       (phiếu giải quyết văn bản đến, có bút phê)
  vanphong incoming stamp ID [--attachment N] --out FILE.pdf                (bản sao PDF có dấu ĐẾN ở trang 1; bản gốc giữ nguyên)
  vanphong search QUERY [--kind den,di,du-thao] [--year N] [--organ TEXT] [--type NAME] [--limit N] [--offset N]
                        (văn bản đến, văn bản đi và dự thảo; --organ: cơ quan gửi hoặc nơi nhận)
  vanphong import THƯ-MỤC|TỆP.zip|TỆP.xlsx|TỆP.csv [--register den|di] [--book TÊN-SỔ] [--dry-run]
                        [--map "Số đến=A,Ngày đến=B,…"] [--report TỆP.csv]   (sổ cũ vào sổ văn bản đến hoặc đi — theo
                        dòng tiêu đề, hoặc --register: giữ số và năm, gắn bản quét theo số hoặc ký hiệu, bỏ qua bản
                        trùng; chạy lại cùng lệnh để tiếp tục sau khi bị dừng)
  vanphong register-book incoming --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx|FILE.xlsx [--book NAME]
  vanphong convert INPUT.txt --out DIR [--profile state|party]
                        (văn bản dạng chữ → DIR/<tên>.json, .docx, .pdf; in ra những gì nhận ra được)
  vanphong extract TỆP [--json]             (PDF, Word, ảnh quét, thư .eml, .txt, .md → các trường để vào sổ văn bản đến,
                                            kèm độ tin cậy; không vào sổ; --user: đối chiếu danh bạ cơ quan)
  vanphong export MODEL.json --out DIR [--docx] [--pdf]
  vanphong sign IN.pdf --out OUT.pdf (--p12 FILE [--pass-stdin] | --pkcs11 MODULE [--slot N] --pin-stdin [--cert ID])
                        [--as signer|organisation|attachment] [--image PNG] [--seal-mm N]
                        [--number "SỐ/KÝ-HIỆU"] [--reason TEXT] [--location TEXT] [--tsa URL] [--page N --rect x,y,w,h]
                        --tsa: máy chủ dấu thời gian RFC 3161 (chữ ký PAdES B-T).
                        signer: ảnh chữ ký (PNG xanh, nền trong) giữa chức vụ và họ tên;
                        organisation: ảnh con dấu (PNG đỏ, kích thước thật) đè 1/3 bên trái chữ ký;
                        attachment: không ảnh, «SỐ/KÝ-HIỆU» và thời gian ISO 8601 +07:00 ở góc trên phải trang 1.
                        Không có --page/--rect: ô chữ ký của tệp do ứng dụng xuất.
  vanphong verify FILE.pdf [--trust DIR]
  vanphong tokens --pkcs11 MODULE            (các khe, token và chứng thư trên USB token)
  vanphong serve [--port N] [--no-open]      (0 = cổng trống bất kỳ; in ra địa chỉ kèm mã mở một lần;
                                              Enter: một địa chỉ mới)
  vanphong server --listen ĐỊA-CHỈ:CỔNG [--cert F --key F | --pfx F --pass-stdin]   (máy chủ cơ quan, HTTPS; xem
                        «vanphong server --help»)

Làm việc qua máy chủ cơ quan: thêm --server https://MÁY:CỔNG và --ca TỆP-CA (hoặc --fingerprint DẤU-VÂN-TAY) vào
lệnh đọc, ghi dữ liệu; ký số tại máy mình: «outgoing sign/issue» với --p12 hoặc --pkcs11 ký ngay trên máy này, máy chủ
chỉ nhận chữ ký; --remote: ký số từ xa (xác nhận trên điện thoại).

Tài khoản: các lệnh đọc, ghi cơ sở dữ liệu cần --user TÊN (hoặc biến VANPHONG_USER); mật khẩu lấy từ biến
VANPHONG_PASSWORD, không có thì hỏi. Tài khoản đầu tiên của cơ sở dữ liệu mới là quản trị, tạo không cần đăng nhập.

  vanphong users add TÊN --role vanthu|chuyenvien|lanhdao|quantri[,…] [--full-name "HỌ TÊN"] [--title CHỨC-VỤ]
                        [--unit ĐƠN-VỊ] --password-stdin
  vanphong users list
  vanphong units add "TÊN ĐƠN VỊ" [--head TÀI-KHOẢN] [--member TÀI-KHOẢN]...   (phòng, ban: ai đọc văn bản chuyển cho đơn vị)
  vanphong units set MÃ [--name "TÊN"] [--head TÀI-KHOẢN] [--member TÀI-KHOẢN]...
  vanphong units list
  vanphong units remove MÃ                                  (đơn vị còn việc đang mở thì bị từ chối; tên vẫn giữ trên văn bản cũ)
  vanphong settings organ [--name TEXT] [--parent TEXT] [--abbr TEXT] [--place TEXT] [--organ-id CODE] [--profile state|party]
                          [--head CHỨC-VỤ] [--deputy CHỨC-VỤ] [--collective TẬP-THỂ]   (cơ quan: tiêu đề của văn bản, lịch, sổ)
  vanphong settings seal --png CON-DAU.png [--width-mm 36] | --remove
  vanphong settings signature TÀI-KHOẢN --png CHU-KY.png [--width-mm 40] | --remove
  vanphong units secrecy [--secret-clerk TÀI-KHOẢN]... [--office-head TÀI-KHOẢN]... [--offline-machine yes|no]
                        (ai đọc văn bản mật: văn thư giữ sổ mật, thủ trưởng cơ quan và người có tên trên văn bản)
  vanphong recipients import FILE.csv|FILE.xlsx          (danh bạ: tên, viết tắt, mã định danh, địa chỉ, email, trực thuộc, nhóm)
  vanphong recipients save-list "TÊN" --entry "CƠ QUAN HOẶC NHÓM (mục đích)"… [--expand]
  vanphong recipients list
  vanphong draft import FILE.txt|MODEL.json [--profile state|party] [--recipients "TÊN DANH SÁCH"]   (→ mã dự thảo)
  vanphong outgoing submit ID --to TÊN-LÃNH-ĐẠO [--comment TEXT]
  vanphong outgoing return ID --comment TEXT
  vanphong outgoing approve ID [--comment TEXT]
  vanphong outgoing sign ID (--p12 FILE [--pass-stdin] | --pkcs11 MODULE [--slot N] --pin-stdin [--cert ID] | --remote)
  vanphong outgoing issue ID [--book NAME] [--date YYYY-MM-DD] [--reserved N] (--p12 FILE [--pass-stdin] | --pkcs11 … --pin-stdin)
                        (khóa của cơ quan; --reserved: dùng số N đã giữ của sổ, lý do giữ số được ghi lại)
  vanphong outgoing reserve|skip --reason TEXT [--book NAME] [--type LOẠI]   (giữ số cho văn bản sau, hoặc bỏ số)
  vanphong outgoing send ID [--method edxml|email|paper] [--recipient TEXT]… [--to MÃ-ĐỊNH-DANH]… [--p12 FILE [--pass-stdin]]
                        (edxml/email: xếp gói vào hàng gửi cho nơi nhận có mã định danh/địa chỉ thư; gửi khi «exchange run»)
  vanphong outgoing cancel ID --note TEXT                 (số vẫn được giữ, có ghi chú)
  vanphong outgoing list [--year N] [--book NAME]
  vanphong outgoing show ID                               (các bước trình, duyệt, ký, phát hành)
  vanphong outgoing file ID --out FILE.pdf                (văn bản đã phát hành)
  vanphong edxml export ID --out FILE.edxml [--to MÃ-ĐỊNH-DANH]... [--attach FILE]... [--revoke|--update|--replace --reason TEXT]
                        (--p12 FILE [--pass-stdin] | --pkcs11 MODULE --pin-stdin)   (gói edXML QCVN 102 có chữ ký số của cơ quan)
  vanphong edxml import FILE.edxml                        (vào sổ văn bản đến; in số đến, cơ quan gửi, kết quả kiểm tra chữ ký)
  vanphong edxml status ID --code 01|02|03|04|05|06|13|15|16 [--reason TEXT] --out FILE.edxml [--to MÃ --document-id ID]
                        (gói trạng thái về văn bản đến ID gửi cơ quan gửi; --to/--document-id khi văn bản không đến qua edXML)
  vanphong exchange run                                   (một lượt: nhận thư mục đến, tự gửi trạng thái, gửi các gói đến hạn)
  vanphong exchange list [--state queued|sent|failed|dead|received|rejected] [--problems] [--direction out|in]
  vanphong exchange resend ID                             (gói gửi không được đưa lại vào hàng gửi)
  vanphong exchange settings [--outbox DIR] [--inbox DIR] [--smtp-host H --smtp-port N [--smtp-security none|starttls|tls]
                        --smtp-user U --smtp-from ADDR --smtp-pass-stdin] [--no-smtp] [--auto-status on|off]
  vanphong register-book outgoing|followup --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx|FILE.xlsx [--book NAME]
  vanphong audit verify                                   (thoát mã 3 nếu nhật ký bị sửa hoặc xóa dòng)
  vanphong audit list [--limit N] [--entity draft|outgoing|incoming|user] [--id N] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  vanphong audit head                                     (số và mã băm của bản ghi cuối: ghi ra giấy hoặc nơi khác để đối chiếu)
  vanphong tasks add --title TEXT --lead ĐƠN-VỊ|NGƯỜI [--co "A;B"] [--deadline YYYY-MM-DD | --working-days N]
                        [--parent ID] [--incoming ID] [--note TEXT]   (giao việc; phối hợp có thể là cơ quan bên ngoài)
  vanphong tasks list [--mine] [--unit ĐƠN-VỊ] [--overdue] [--status mo|dang-lam|cho-duyet|hoan-thanh|huy] [--plan ID]
  vanphong tasks show ID
  vanphong tasks update ID [--progress N] [--note TEXT] [--deadline YYYY-MM-DD]
  vanphong tasks done ID [--note TEXT]                    (người chủ trì: trình kết quả; người giao việc: duyệt, hoàn thành)
  vanphong tasks return ID --note TEXT | tasks cancel ID --reason TEXT
  vanphong tasks from-plan MÃ-VĂN-BẢN-ĐI [--lead DÒNG=TÊN]... [--yes]   (kế hoạch đã ban hành → công việc; --yes: giao)
  vanphong tasks dashboard [--unit ĐƠN-VỊ] [--person TÊN] [--year N]   (đúng hạn, trễ hạn, đang làm, quá hạn)
  vanphong tasks export --out FILE.xlsx [--plan ID] [--unit ĐƠN-VỊ] [--overdue]
  vanphong tasks report MÃ-KẾ-HOẠCH                       (dự thảo Báo cáo kết quả thực hiện kế hoạch)
  vanphong inbox [--kind incoming|task|draft] [--limit N] [--offset N]   (chờ tôi xử lý: văn bản đến, công việc, dự thảo;
                                                          cả việc của lãnh đạo đã ủy quyền cho tôi; «!» quá hạn)
  vanphong delegate --to TÀI-KHOẢN --from YYYY-MM-DD --until YYYY-MM-DD [--note TEXT] [--for LÃNH-ĐẠO]
                                                          (ủy quyền xử lý; --for: quản trị ghi thay cho lãnh đạo)
  vanphong delegate list [--all]
  vanphong delegate revoke ID
  vanphong calendar list [--year N]                       (ngày nghỉ lễ, nghỉ bù, làm bù: hạn tính theo ngày làm việc)
  vanphong calendar set YYYY-MM-DD --kind nghi|lam-bu --name TEXT
  vanphong calendar remove YYYY-MM-DD

Hồ sơ công việc, nộp lưu (Nghị định 30/2020/NĐ-CP Điều 28–31; thời hạn bảo quản: Thông tư 10/2022/TT-BNV):
  vanphong hoso add --code SỐ --title "TIÊU ĐỀ" [--year N] [--retention MÃ] [--owner TÀI-KHOẢN] [--rights cong-khai|han-che|mat]
  vanphong hoso list [--year N] [--status mo|dong|nop-luu|huy]
  vanphong hoso show ID
  vanphong hoso add-doc ID --incoming MÃ | --outgoing MÃ | --draft MÃ     (remove-doc: bỏ ra khi hồ sơ còn mở)
  vanphong hoso close ID                                  (từ chối khi còn văn bản chưa hoàn thành, công việc chưa xong)
  vanphong hoso reopen ID --reason TEXT
  vanphong hoso contents ID --out FILE.pdf|FILE.docx      (mục lục văn bản trong hồ sơ)
  vanphong hoso catalogue [--year N] --out FILE.pdf|FILE.docx   (danh mục hồ sơ của năm)
  vanphong hoso due [--year N]                            (hồ sơ đã kết thúc chờ nộp lưu, hạn 1 năm)
  vanphong hoso handover ID --out FILE.zip                (gói nộp lưu: tệp, mục lục, metadata.xml, mã băm SHA-256)
  vanphong hoso verify FILE.zip                           (thoát mã 3 nếu gói bị sửa: nêu tên tệp sai)
  vanphong hoso request-disposal ID --reason TEXT         (văn thư đề nghị tiêu hủy khi hết thời hạn bảo quản)
  vanphong hoso approve-disposal ID [--note TEXT]         (một lãnh đạo khác duyệt)
  vanphong hoso retention list | add --title T --years N|vinh-vien [--base MÃ] | set MÃ --years N

Sao lưu, khôi phục, kiểm tra (chạy trên máy có thư mục dữ liệu, không cần --user):
  vanphong backup --out TỆP [--passphrase-stdin]          (sao lưu khi đang làm việc: cơ sở dữ liệu, tệp đính kèm, bản kê mã băm;
                                                           cả tệp mã hóa bằng mật khẩu — khôi phục được cả khi mất máy)
  vanphong backup verify TỆP [--passphrase-stdin]         (thử khôi phục vào thư mục tạm: integrity_check, nhật ký, mã băm từng tệp)
  vanphong backup schedule --dir THƯ-MỤC [--every-hours 24] [--keep-daily 7] [--keep-weekly 4] [--passphrase-stdin] [--off]
  vanphong restore TỆP --data-dir THƯ-MỤC-MỚI [--passphrase-stdin] [--replace]   (--replace: thay thư mục có dữ liệu, giữ bản cũ bên cạnh)
  vanphong check [--files]                                (integrity_check và nhật ký trong một dòng; --files: băm lại từng tệp)
  vanphong encrypt                                        (mã hóa thư mục dữ liệu từ phiên bản cũ; in khóa khôi phục một lần)
Mật khẩu bản sao lưu: --passphrase-stdin hoặc biến VANPHONG_BACKUP_PASSPHRASE, không thì hỏi. Khóa mã hóa dữ liệu nằm
ngoài thư mục dữ liệu (kho khóa của người dùng); VANPHONG_KEY_FILE chỉ định tệp khóa khác, ví dụ tệp chứa khóa khôi phục.

Lịch họp, lịch công tác (giờ Việt Nam; ISO 8601, ví dụ 2026-11-23T08:00):
  vanphong rooms add "TÊN PHÒNG" [--capacity N] [--location TEXT]
  vanphong rooms list
  vanphong meetings add --title TEXT --start ISO --end ISO [--room PHÒNG | --location TEXT] [--chair TÊN]
                        [--participants "A;B"] [--content TEXT] [--prepare ĐƠN-VỊ] [--status du-kien|chinh-thuc]
                        [--all-day] [--repeat daily|workday|weekly|monthly --until YYYY-MM-DD]
                        [--allow-conflict --reason TEXT]   (trùng phòng hoặc người: thoát mã khác 0, nêu chỗ trùng)
  vanphong meetings list --from YYYY-MM-DD --to YYYY-MM-DD [--person TÊN] [--room PHÒNG]
  vanphong meetings week 2026-W48 [--out FILE.ics|FILE.docx|FILE.pdf] [--person TÊN] [--room PHÒNG]
  vanphong meetings export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.ics [--person TÊN] [--room PHÒNG]
  vanphong meetings import FILE.ics [--dry-run] [--allow-conflict --reason TEXT]   (tạo hoặc cập nhật theo UID;
                        buổi của chuỗi lịch mà tệp không còn: hủy, ghi lý do; --dry-run liệt kê thay đổi)
  vanphong meetings status ID --status du-kien|chinh-thuc|hoan|huy [--reason TEXT] [--allow-conflict]
                        (hoãn, hủy cần lý do; đưa cuộc họp trở lại lịch mà trùng phòng hoặc người: --allow-conflict
                        và lý do)
  vanphong meetings invite ID                             (dự thảo Giấy mời từ cuộc họp)
  vanphong meetings settings [--organ TEXT] [--parent-organ TEXT] [--abbr VP] [--place TEXT] [--whose TEXT]
                        [--authority TL.] [--on-behalf-of TEXT] [--signer-title TEXT] [--signer-name TEXT]
                        [--recipient TEXT]…                (đầu trang, chữ ký của Lịch công tác tuần)
`;
