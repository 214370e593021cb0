export const SERVER_HELP = `vanphong server --listen ĐỊA-CHỈ:CỔNG [--data-dir DIR] [--cert server.pem --key server.key | --pfx FILE --pass-stdin]

Máy chủ của cơ quan: các máy tính để bàn, trình duyệt và dòng lệnh của cả văn phòng cùng làm việc trên một dữ liệu.
  --listen 0.0.0.0:8443     nghe trên mọi địa chỉ của máy (mặc định 127.0.0.1:8443: chỉ máy này)
  --cert/--key, --pfx       chứng thư của cơ quan (PEM, hoặc PFX với mật khẩu từ --pass-stdin hay biến VANPHONG_PFX_PASS);
                            không có: lần đầu chạy tự tạo CA nội bộ và chứng thư máy chủ trong DIR/tls.
Luôn là HTTPS. Khi chạy, máy chủ in địa chỉ và dấu vân tay SHA-256 của chứng thư: người dùng so với dấu vân tay mà
máy khách hiện ra lần đầu kết nối (quản trị xem lại trong Cài đặt). Dừng bằng Ctrl+C hoặc SIGTERM: các yêu cầu đang
chạy được làm xong, dữ liệu được ghi gọn rồi thoát mã 0. Một lượt phát hành đang chờ chữ ký khi máy chủ dừng được hủy
khi chạy lại, có ghi lý do (số không mất, không trùng).

Máy khách dòng lệnh: thêm --server https://MÁY:8443 --ca DIR/tls/ca.pem (hoặc --fingerprint AB:CD:…) --user TÊN.

Chạy như một dịch vụ (Linux, systemd) — /etc/systemd/system/vanphong.service:
  [Unit]
  Description=Văn phòng điện tử — máy chủ cơ quan
  After=network-online.target
  [Service]
  User=vanphong
  ExecStart=/usr/bin/node /opt/vanphong/bin/vanphong.cjs server --listen 0.0.0.0:8443 --data-dir /var/lib/vanphong
  Restart=on-failure
  KillSignal=SIGTERM
  TimeoutStopSec=30
  UMask=0077
  [Install]
  WantedBy=multi-user.target
rồi: systemctl enable --now vanphong

Windows (dịch vụ, dùng NSSM — nssm.cc):
  nssm install VanPhong "C:\\Program Files\\nodejs\\node.exe" "C:\\VanPhong\\bin\\vanphong.cjs" server --listen 0.0.0.0:8443 --data-dir C:\\VanPhongData
  nssm set VanPhong AppStopMethodConsole 30000
  nssm start VanPhong
(chỉ tài khoản chạy dịch vụ được đọc thư mục dữ liệu; mở cổng 8443 trong Windows Defender Firewall cho mạng nội bộ)`;
