import { Form, Input } from 'antd';

/**
 * A new password typed twice, at least 8 characters (the server's rule, shared/auth/schemas.ts), for the first
 * account's setup and for changing one's own password. `testId` prefixes the inputs' test ids ("-password", "-confirm").
 */
export function NewPasswordFields({ label, testId }: { label: string; testId: string }) {
  return (
    <>
      <Form.Item name="password" label={label} rules={[{ required: true, message: `Nhập ${label.toLowerCase()}.` }, { min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' }]}>
        <Input.Password autoComplete="new-password" data-testid={`${testId}-password`} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={`Nhập lại ${label.toLowerCase()}`}
        dependencies={['password']}
        rules={[
          { required: true, message: `Nhập lại ${label.toLowerCase()}.` },
          ({ getFieldValue }) => ({
            validator: (_r, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(`Hai lần nhập ${label.toLowerCase()} không khớp.`))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testId}-confirm`} />
      </Form.Item>
    </>
  );
}
