import { useEffect, useRef, useState } from 'react';
import { Typography } from 'antd';

/**
 * A stored signature or seal image, drawn on a checkerboard so that a missing transparency shows; «Chưa có ảnh» when
 * there is none. `source` names the image (it is fetched again when it or `version` changes).
 */
export function StampImage(props: { source: string; version: string; load(): Promise<Uint8Array>; alt: string; testId: string; height: number; maxWidth: number }) {
  const [url, setUrl] = useState<string | null>(null);
  const load = useRef(props.load);
  load.current = props.load;
  useEffect(() => {
    let u: string | null = null;
    load.current().then(
      (png) => setUrl((u = URL.createObjectURL(new Blob([new Uint8Array(png)], { type: 'image/png' })))),
      () => setUrl(null),
    );
    return () => {
      if (u) URL.revokeObjectURL(u);
    };
  }, [props.source, props.version]);
  if (!url) return <Typography.Text type="secondary">Chưa có ảnh</Typography.Text>;
  return <img src={url} alt={props.alt} data-testid={props.testId} className="vp-checker" style={{ height: props.height, maxWidth: props.maxWidth, objectFit: 'contain' }} />;
}
