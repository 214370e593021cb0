import type { ApiError } from '../../shared/api/result';
import type { Session } from '../app/caller';

/**
 * What the office server refuses that a desk of its own may do (issue 13). The server never touches a signer's key:
 * a .p12 with its password, or a PKCS#11 module path and PIN, is refused outright (the desk signs and sends only the
 * signature; a browser uses ký số từ xa), and so is listing the server's own tokens. The first account is made on the
 * server machine (`vanphong users add`), never by whoever reaches the network port first.
 */
export function officeRefusal(name: string, input: unknown, session: Session): ApiError | null {
  if (session.via !== 'office') return null;
  if (name === 'auth.setup') {
    return { code: 'FORBIDDEN', message: 'Tài khoản quản trị đầu tiên được tạo trên chính máy chủ («vanphong users add TÊN --role quantri»), không qua mạng.' };
  }
  if (name === 'signing.tokens') {
    return { code: 'FORBIDDEN', field: 'module', message: 'Máy chủ cơ quan không đọc USB token: token cắm ở máy của người ký; hãy ký bằng ứng dụng trên máy tính của bạn.' };
  }
  if (name === 'units.saveSecrecy' && (input as { offlineMachine?: unknown } | null)?.offlineMachine === true) {
    return { code: 'FORBIDDEN', field: 'offlineMachine', message: 'Máy chủ cơ quan là máy nối mạng: không đánh dấu được là máy không nối mạng để lưu tệp văn bản mật.' };
  }
  const kind = (input as { key?: { kind?: unknown } } | null)?.key?.kind;
  if (kind === 'p12' || kind === 'pkcs11') {
    return {
      code: 'FORBIDDEN',
      field: 'key',
      message: 'Khóa ký không bao giờ được gửi lên máy chủ cơ quan: hãy ký bằng ứng dụng Văn phòng điện tử trên máy của bạn (khóa ký ở lại máy), hoặc chọn «Ký số từ xa».',
    };
  }
  return null;
}
